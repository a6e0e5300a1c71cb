package dev.stepwise.api;

/** An HTTP answer: status, JSON body, and for errors the code (also sent as X-Amzn-ErrorType). */
public record ApiResponse(int status, String body, String errorType) {
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
}
