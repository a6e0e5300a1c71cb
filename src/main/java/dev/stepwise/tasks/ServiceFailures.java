package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.Resumption;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place that turns a service's error response or a failed request into the Task's error and cause. */
final class ServiceFailures {
    private static final Pattern XML_CODE = Pattern.compile("<Code>(.*?)</Code>", Pattern.DOTALL);
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);
    private static final Pattern XML_REQUEST_ID = Pattern.compile("<RequestId>(.*?)</RequestId>", Pattern.DOTALL);

    private ServiceFailures() {
    }

    /** An error answer of a JSON protocol (JSON 1.0/1.1, REST-JSON). */
    static Resumption.TaskFailed fromJson(AwsService service, AwsResponse response) {
        JsonNode body;
        try {
            body = response.json();
        } catch (IllegalArgumentException notJson) {
            body = Json.object();
        }
        String code = null;
        String queryError = response.header("x-amzn-query-error");
        if (queryError != null) {
            code = queryError.split(";", 2)[0];
        }
        if (code == null) {
            code = response.header("x-amzn-ErrorType");
        }
        if (code == null) {
            code = body.path("__type").asText(null);
        }
        if (code == null) {
            code = body.path("code").asText(body.path("Code").asText("Unknown"));
        }
        code = shortCode(code);
        String message = body.path("message").asText(body.path("Message").asText(body.path("errorMessage").asText("null")));
        return failed(service, response, code, message, response.requestId());
    }

    /** An error answer of the query protocol (XML), as SNS sends it. */
    static Resumption.TaskFailed fromXml(AwsService service, AwsResponse response) {
        String body = response.body() == null ? "" : response.body();
        String code = first(XML_CODE, body, "Unknown");
        String message = unescape(first(XML_MESSAGE, body, "null"));
        String requestId = first(XML_REQUEST_ID, body, response.requestId());
        return failed(service, response, code, message, requestId);
    }

    /** No response arrived: SDK 1.x's SdkClientException, "Unable to execute HTTP request: ...". */
    static Resumption.TaskFailed clientError(AwsService service, Exception e) {
        return new Resumption.TaskFailed(service.clientErrorName(), AwsService.clientErrorCause(message(e)));
    }

    /** Parameters Stepwise cannot send (not a service answer): the task fails as a Task's own failure. */
    static Resumption.TaskFailed invalidParameters(String cause) {
        return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(), cause);
    }

    static String message(Exception e) {
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "Read timed out";
        }
        if (e instanceof java.net.ConnectException && e.getMessage() == null) {
            return "Connection refused";
        }
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** Services send {@code com.amazonaws.dynamodb.v20120810#Code} or {@code Code:http://...}; the code is the name. */
    private static String shortCode(String code) {
        int hash = code.lastIndexOf('#');
        if (hash >= 0) {
            code = code.substring(hash + 1);
        }
        int colon = code.indexOf(':');
        return colon >= 0 ? code.substring(0, colon) : code;
    }

    private static Resumption.TaskFailed failed(AwsService service, AwsResponse response, String code, String message,
                                                String requestId) {
        return new Resumption.TaskFailed(service.errorName(code),
                service.cause(message, response.status(), code, requestId));
    }

    private static String first(Pattern pattern, String text, String absent) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).trim() : absent;
    }

    static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    /** Whether an exception means no answer came (the only failures a send may throw). */
    static boolean noAnswer(Exception e) {
        return e instanceof IOException || e instanceof software.amazon.awssdk.core.exception.SdkException;
    }
}
