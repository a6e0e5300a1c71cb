package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/NAME/invocations}), shared by the
 * function-ARN Task and {@code lambda:invoke}. A function error (the {@code X-Amz-Function-Error}
 * header) fails the task with the error type the payload names and the payload as the cause: a
 * function ARN passes it on byte for byte (recorded on AWS, error_handling/test_task_lambda
 * test_raise_exception_catch: a Python function's {@code {"errorMessage": "...", ...}} keeps its
 * spaces), {@code lambda:invoke} re-serialises it ({@link #reserialised});
 * a payload without an errorType (a timeout or out-of-memory on older runtimes) is
 * {@code Lambda.Unknown}, as "Handle Lambda service exceptions" in the guide names it.
 *
 * <p>The attempt's idempotency key reaches the function without touching its payload: when the
 * state gives no ClientContext, the call's client context is
 * {@code {"custom":{"stepwise-idempotency-key":KEY}}} (context.clientContext.custom in the function).
 */
final class LambdaInvoker {
    static final String IDEMPOTENCY_KEY = "stepwise-idempotency-key";
    static final String UNKNOWN = "Lambda.Unknown";
    /** Lambda runs a synchronous invocation for up to 15 minutes. */
    private static final Duration TIMEOUT_CAP = Duration.ofMinutes(15).plusSeconds(10);

    private final AwsCall aws;

    LambdaInvoker(AwsCall aws) {
        this.aws = aws;
    }

    /** What an invocation gave: {@code failure} null on success; {@code functionError} when the function itself failed. */
    record Invocation(AwsResponse response, Resumption.TaskFailed failure, boolean functionError) {
        Invocation(AwsResponse response, Resumption.TaskFailed failure) {
            this(response, failure, false);
        }
    }

    Invocation invoke(TaskCall call, String functionName, String payload, String invocationType, String qualifier,
                      String clientContext, String logType) {
        String region = regionOf(functionName, call.region());
        StringBuilder path = new StringBuilder("/2015-03-31/functions/")
                .append(URLEncoder.encode(functionName, StandardCharsets.UTF_8)).append("/invocations");
        if (qualifier != null) {
            path.append("?Qualifier=").append(URLEncoder.encode(qualifier, StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (invocationType != null) {
            headers.put("X-Amz-Invocation-Type", invocationType);
        }
        if (logType != null) {
            headers.put("X-Amz-Log-Type", logType);
        }
        headers.put("X-Amz-Client-Context", clientContext != null ? clientContext : idempotencyContext(call.idempotencyKey()));
        AwsResponse response;
        try {
            response = aws.send(AwsService.LAMBDA, region, "POST", path.toString(), headers, payload, call.timeout(TIMEOUT_CAP));
        } catch (Exception e) {
            if (ServiceFailures.noAnswer(e)) {
                return new Invocation(null, ServiceFailures.clientError(AwsService.LAMBDA, e));
            }
            throw (RuntimeException) e;
        }
        if (!response.ok()) {
            return new Invocation(response, ServiceFailures.fromJson(AwsService.LAMBDA, response));
        }
        if (response.header("X-Amz-Function-Error") != null) {
            return new Invocation(response, functionError(response.body()), true);
        }
        return new Invocation(response, null);
    }

    /** The function's payload as JSON; text that is not JSON stays text; nothing is the empty string. */
    static JsonNode payload(AwsResponse response) {
        String body = response.body();
        if (body == null || body.isEmpty()) {
            return Json.NODES.textNode("");
        }
        try {
            return Json.parse(body);
        } catch (IllegalArgumentException notJson) {
            return Json.NODES.textNode(body);
        }
    }

    private static Resumption.TaskFailed functionError(String body) {
        String error = UNKNOWN;
        try {
            JsonNode type = Json.parse(body).path("errorType");
            if (type.isTextual() && !type.asText().isEmpty()) {
                error = type.asText();
            }
        } catch (IllegalArgumentException notJson) {
            // the cause still shows the payload as the function sent it
        }
        return new Resumption.TaskFailed(error, body == null ? "" : body);
    }

    /** A function error payload as compact JSON, fields in the function's order; text that is not JSON unchanged. */
    static String reserialised(String cause) {
        try {
            return Json.write(Json.parse(cause));
        } catch (IllegalArgumentException notJson) {
            return cause;
        }
    }

    static String idempotencyContext(String key) {
        String json = Json.write(Json.object().set("custom", Json.object().put(IDEMPOTENCY_KEY, key)));
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A function ARN's region ({@code arn:aws:lambda:REGION:...}); a bare name is called in the default region. */
    static String regionOf(String functionName, String fallback) {
        String[] parts = functionName.split(":");
        return parts.length >= 4 && "arn".equals(parts[0]) && !parts[3].isEmpty() ? parts[3] : fallback;
    }
}
