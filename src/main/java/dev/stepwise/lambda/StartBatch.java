package dev.stepwise.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch from the start queue: each message {@code {"stateMachineArn", "name"?, "input"?}} is a
 * StartExecution request, answered by the same API action a signed call would reach, so every
 * rule of StartExecution (ARN, name and input checks, aliases and versions, idempotency) holds.
 *
 * <p>Delivery is at least once, so a message without a name is started under its SQS message id:
 * a redelivered message names the same execution. A redelivery while the execution runs gets
 * StartExecution's idempotent answer; after it closed, AWS answers ExecutionAlreadyExists, and the
 * stored input decides whether that is our own earlier start (done) or a real name clash.
 *
 * <p>A message StartExecution rejects (a 400 answer) will be rejected on every delivery, so it is
 * {@link Outcome.Rejected rejected} at once — the handler moves it to the dead-letter queue with
 * the reason — instead of being received again until maxReceiveCount. Only failures that may pass
 * (a 5xx answer, an SDK exception) are {@link Outcome.Retry retried} through batchItemFailures.
 */
public final class StartBatch {
    static final String START_EXECUTION = StepFunctionsApi.TARGET_PREFIX + "StartExecution";
    static final String DESCRIBE_EXECUTION = StepFunctionsApi.TARGET_PREFIX + "DescribeExecution";

    /** One SQS record: its id and body. */
    public record Record(String messageId, String body) {
    }

    /** What became of one message. */
    public sealed interface Outcome {
        Record record();

        /** The execution was started now, or by an earlier delivery of this message. */
        record Started(Record record, String executionArn, boolean duplicate) implements Outcome {
        }

        /** StartExecution refused the message; another delivery would be refused too. */
        record Rejected(Record record, String error, String cause) implements Outcome {
        }

        /** A failure that may pass: the message must be delivered again. */
        record Retry(Record record, String error, String cause) implements Outcome {
        }
    }

    private final StepFunctionsApi api;

    public StartBatch(StepFunctionsApi api) {
        this.api = api;
    }

    public List<Outcome> process(List<Record> records) {
        List<Outcome> outcomes = new ArrayList<>(records.size());
        for (Record record : records) {
            try {
                outcomes.add(start(record));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome.Retry(record, e.getClass().getSimpleName(), String.valueOf(e.getMessage())));
            }
        }
        return outcomes;
    }

    Outcome start(Record record) {
        JsonNode body;
        try {
            body = Json.parse(record.body());
        } catch (RuntimeException e) {
            return new Outcome.Rejected(record, "SerializationException", "Message body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            return new Outcome.Rejected(record, "SerializationException", "Start of structure or map found where not expected");
        }
        ObjectNode request = ((ObjectNode) body).deepCopy();
        if (!request.hasNonNull("name")) {
            request.put("name", record.messageId());
        }
        JsonNode input = request.get("input");
        if (input != null && !input.isTextual() && !input.isNull()) {
            // StartExecution takes the input as JSON text; a producer may also put the JSON itself.
            request.put("input", Json.write(input));
        }
        ApiResponse response = api.handle(START_EXECUTION, Json.write(request));
        JsonNode answer = Json.parse(response.body());
        if (response.status() == 200) {
            return new Outcome.Started(record, answer.get("executionArn").asText(), false);
        }
        if (response.status() >= 500) {
            return new Outcome.Retry(record, response.errorType(), answer.path("message").asText(null));
        }
        if ("ExecutionAlreadyExists".equals(response.errorType())) {
            Outcome earlier = earlierStart(record, request);
            if (earlier != null) {
                return earlier;
            }
        }
        return new Outcome.Rejected(record, response.errorType(), answer.path("message").asText(null));
    }

    /** The execution this message started on an earlier delivery, if the clash is with it. */
    private Outcome earlierStart(Record record, ObjectNode request) {
        // arn:aws:states:region:account:stateMachine:name[:version|:alias]; a version's or an
        // alias's executions are named under the state machine itself.
        String[] parts = request.path("stateMachineArn").asText().split(":");
        if (parts.length < 7) {
            return null;
        }
        String executionArn = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "execution", parts[6],
                request.path("name").asText());
        ApiResponse described = api.handle(DESCRIBE_EXECUTION, Json.write(Json.object().put("executionArn", executionArn)));
        if (described.status() != 200) {
            return null;
        }
        JsonNode execution = Json.parse(described.body());
        String ours = request.hasNonNull("input") ? request.get("input").asText() : "{}";
        return ours.equals(execution.path("input").asText()) ? new Outcome.Started(record, executionArn, true) : null;
    }
}
