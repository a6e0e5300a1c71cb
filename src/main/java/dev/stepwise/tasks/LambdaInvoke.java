package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;

/**
 * {@code arn:aws:states:::lambda:invoke}: Lambda Invoke with FunctionName, Payload, InvocationType,
 * Qualifier, ClientContext and LogType. The result is shaped as recorded on AWS:
 * {ExecutedVersion, [FunctionError,] [LogResult,] Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}.
 *
 * <p>The Payload parameter is sent as the invocation's body the way Step Functions sends it
 * (recorded on AWS, LocalStack test_lambda_task_service test_invoke / test_invoke_json_values):
 * a string as its text, unquoted ({@code "\"HelloWorld\""} reaches the function as the JSON
 * string {@code "HelloWorld"}, {@code "null"} as null); JSON null or no Payload as an empty body
 * (the function sees {@code {}}); any other value as its JSON text. A function error's cause is
 * the function's error payload re-serialised as compact JSON in the function's own field order
 * (recorded: error_handling/test_task_service_lambda test_raise_exception_catch, where a Python
 * function's {@code {"errorMessage": "..."}} comes back as {@code {"errorMessage":"..."}}).
 */
final class LambdaInvoke implements ServiceIntegration {
    private final LambdaInvoker lambda;

    LambdaInvoke(LambdaInvoker lambda) {
        this.lambda = lambda;
    }

    @Override
    public Resumption call(TaskCall call) {
        String functionName = call.text("FunctionName");
        if (functionName == null || functionName.isEmpty()) {
            return ServiceFailures.invalidParameters("The field 'FunctionName' is required and must be a string");
        }
        LambdaInvoker.Invocation invocation = lambda.invoke(call, functionName, body(call.parameter("Payload")),
                call.text("InvocationType"), call.text("Qualifier"), call.text("ClientContext"), call.text("LogType"));
        if (invocation.failure() != null) {
            Resumption.TaskFailed failed = invocation.failure();
            return invocation.functionError()
                    ? new Resumption.TaskFailed(failed.error(), LambdaInvoker.reserialised(failed.cause())) : failed;
        }
        AwsResponse response = invocation.response();
        ObjectNode result = Json.object();
        String version = response.header("X-Amz-Executed-Version");
        if (version != null) {
            result.put("ExecutedVersion", version);
        }
        String log = response.header("X-Amz-Log-Result");
        if (log != null) {
            result.put("LogResult", log);
        }
        result.set("Payload", LambdaInvoker.payload(response));
        response.withSdkMetadata(result, response.requestId());
        result.put("StatusCode", response.status());
        return new Resumption.TaskSucceeded(result);
    }

    /** The invocation's body for the Payload parameter (see above). */
    static String body(JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return "";
        }
        return payload.isTextual() ? payload.asText() : Json.write(payload);
    }
}
