package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.api.StepFunctionsApi;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The Step Functions API behind an API Gateway HTTP API (IAM-authorized): the X-Amz-Target
 * header names the action, the body is its AWS JSON 1.0 request; the answer is the API's.
 */
@Named(ApiHandler.NAME)
public class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final String NAME = "api";
    /**
     * An HTTP API answers 503 once its integration has run 30 seconds ("Maximum integration
     * timeout: 30 seconds", HTTP API quotas), so a long poll ends well before, as it does before
     * the function's own timeout; the worker polls again, as after any empty answer.
     */
    static final Duration GATEWAY_WAIT = Duration.ofSeconds(25);
    private static final Duration MARGIN = Duration.ofSeconds(3);

    @Inject
    StepFunctionsApi api;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String body = event.getBody() == null ? "" : event.getBody();
        if (event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        ApiResponse response = api.handle(header(event, "x-amz-target"), body, waitLimit(context));
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", ApiResponse.CONTENT_TYPE);
        if (response.errorType() != null) {
            headers.put("X-Amzn-ErrorType", response.errorType());
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(response.status()).withHeaders(headers)
                .withBody(response.body()).build();
    }

    private static Duration waitLimit(Context context) {
        if (context == null) {
            return GATEWAY_WAIT;
        }
        Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN);
        return left.isNegative() ? Duration.ZERO : left.compareTo(GATEWAY_WAIT) < 0 ? left : GATEWAY_WAIT;
    }

    /** HTTP APIs pass header names in lower case; a direct invocation may not. */
    private static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> header : event.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
