package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskResource;
import dev.stepwise.store.ExecutionHeader;
import java.util.UUID;

/**
 * The {@code states:startExecution} integration's shapes, as recorded on AWS: the request-response
 * result (the StartExecution response), and for {@code .sync} / {@code .sync:2} the child's
 * DescribeExecution as the task's result, or, when the child did not succeed, States.TaskFailed
 * with that description as the cause.
 */
final class NestedExecutions {
    static final String RESOURCE = "startExecution";

    private NestedExecutions() {
    }

    /**
     * The StartExecution response as the task's result, with the SDK 1.x response metadata the
     * recordings show (test_sfn_task_service: ExecutionArn, SdkHttpMetadata, SdkResponseMetadata,
     * StartDate; dates as epoch milliseconds). The child is started in-process, so the HTTP
     * headers are those the API would have sent.
     */
    static JsonNode started(ChildStarter.Started started) {
        ObjectNode result = Json.object().put("ExecutionArn", started.executionArn());
        String body = Json.write(Json.object().put("executionArn", started.executionArn())
                .put("startDate", started.startDate().toEpochMilli() / 1000.0));
        String requestId = UUID.randomUUID().toString();
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                started.startDate().atZone(java.time.ZoneOffset.UTC));
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Length", Integer.toString(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        headers.put("Content-Type", "application/x-amz-json-1.0");
        headers.put("Date", date);
        headers.put("connection", "keep-alive");
        headers.put("x-amzn-RequestId", requestId);
        ObjectNode http = result.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        ObjectNode single = http.putObject("HttpHeaders");
        headers.forEach((name, value) -> {
            all.putArray(name).add(value);
            single.put(name, value);
        });
        http.put("HttpStatusCode", 200);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        result.put("StartDate", started.startDate().toEpochMilli());
        return result;
    }

    /** The child's input as StartExecution takes it: the Input parameter as JSON text; {} when absent. */
    static String input(JsonNode parameters) {
        JsonNode input = parameters.get("Input");
        if (input == null || input.isNull()) {
            return "{}";
        }
        return input.isTextual() ? input.asText() : Json.write(input);
    }

    static String name(JsonNode parameters, String executionArn, String stepKey) {
        JsonNode name = parameters.get("Name");
        if (name != null && name.isTextual()) {
            return name.asText();
        }
        // A replay of the same step must start the same child: the default name is derived, not drawn.
        return UUID.nameUUIDFromBytes((executionArn + "\n" + stepKey).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** AWS names a failed SDK call {@code StepFunctions.<Code>Exception}, with the SDK's message as the cause. */
    static Resumption.TaskFailed rejected(ChildStarter.Rejected rejected) {
        String code = rejected.code();
        String error = "StepFunctions." + (code.endsWith("Exception") ? code : code + "Exception");
        String cause = rejected.getMessage() + " (Service: AWSStepFunctions; Status Code: 400; Error Code: " + code
                + "; Request ID: " + UUID.randomUUID() + "; Proxy: null)";
        return new Resumption.TaskFailed(error, cause);
    }

    /**
     * The child ended: {@code .sync} gets its DescribeExecution with Input and Output as JSON
     * text, {@code .sync:2} with them as JSON. A child that failed, timed out or was aborted
     * fails the task with States.TaskFailed and the description (with Error and Cause) as cause.
     */
    static Resumption ended(ExecutionHeader child, JsonNode input, boolean asJson) {
        ObjectNode describe = Json.object();
        if (child.status() != ExecutionStatus.SUCCEEDED) {
            if (child.cause() != null) {
                describe.put("Cause", child.cause());
            }
            if (child.error() != null) {
                describe.put("Error", child.error());
            }
        }
        describe.put("ExecutionArn", child.executionArn());
        putJson(describe, "Input", input, asJson);
        describe.putObject("InputDetails").put("Included", true);
        describe.put("Name", child.name());
        if (child.status() == ExecutionStatus.SUCCEEDED) {
            putJson(describe, "Output", child.output(), asJson);
            describe.putObject("OutputDetails").put("Included", true);
        }
        describe.put("StartDate", child.startDate().toEpochMilli());
        describe.put("StateMachineArn", child.stateMachineArn());
        describe.put("Status", child.status().name());
        if (child.stopDate() != null) {
            describe.put("StopDate", child.stopDate().toEpochMilli());
        }
        if (child.status() == ExecutionStatus.SUCCEEDED) {
            return new Resumption.TaskSucceeded(describe, Resumption.TaskStart.RECORDED);
        }
        return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(), Json.write(describe), Resumption.TaskStart.RECORDED);
    }

    private static void putJson(ObjectNode describe, String field, JsonNode value, boolean asJson) {
        JsonNode json = value == null ? Json.object() : value;
        if (asJson) {
            describe.set(field, json);
        } else {
            describe.put(field, Json.write(json));
        }
    }
}
