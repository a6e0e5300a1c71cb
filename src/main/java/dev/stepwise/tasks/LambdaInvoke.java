package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;

/**
 * {@code arn:aws:states:::lambda:invoke}: Lambda Invoke with FunctionName, Payload, InvocationType,
 * Qualifier, ClientContext and LogType. The result is shaped as recorded on AWS:
 * {ExecutedVersion, [FunctionError,] [LogResult,] Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}.
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
        JsonNode payload = call.parameter("Payload");
        LambdaInvoker.Invocation invocation = lambda.invoke(call, functionName,
                payload == null ? "" : Json.write(payload), call.text("InvocationType"), call.text("Qualifier"),
                call.text("ClientContext"), call.text("LogType"));
        if (invocation.failure() != null) {
            return invocation.failure();
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
}
