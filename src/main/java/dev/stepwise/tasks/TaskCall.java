package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.TaskRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A Task's call as an integration sees it: the engine's request, its parameters (the state's
 * effective input), the attempt's idempotency key, the region the call is signed for, and who
 * watches the HTTP exchanges it makes ({@link HttpExchange#UNWATCHED} but in TestState).
 */
record TaskCall(TaskRequest request, JsonNode parameters, String idempotencyKey, String region,
                Consumer<HttpExchange> watcher) {

    TaskCall {
        parameters = parameters == null ? Json.NODES.nullNode() : parameters;
        watcher = watcher == null ? HttpExchange.UNWATCHED : watcher;
    }

    TaskCall(TaskRequest request, JsonNode parameters, String idempotencyKey, String region) {
        this(request, parameters, idempotencyKey, region, HttpExchange.UNWATCHED);
    }

    /** A parameter, or null when absent (or the parameters are not an object). */
    JsonNode parameter(String name) {
        return parameters.isObject() ? parameters.get(name) : null;
    }

    /** A text parameter's value, or null. */
    String text(String name) {
        JsonNode value = parameter(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** A copy of the named parameters that are present (null values included), in the given order. */
    com.fasterxml.jackson.databind.node.ObjectNode pick(java.util.List<String> names) {
        com.fasterxml.jackson.databind.node.ObjectNode picked = Json.object();
        for (String name : names) {
            JsonNode value = parameter(name);
            if (value != null) {
                picked.set(name, value);
            }
        }
        return picked;
    }

    /**
     * How long the transport waits for the service: at most {@code cap}, and a little longer than
     * the task's deadline, so that the deadline ({@link TaskDeadline}) ends a slow call with
     * States.Timeout rather than the client's read timeout.
     */
    Duration timeout(Duration cap) {
        long deadline = TaskDeadline.seconds(request);
        return deadline == 0 ? cap : Duration.ofSeconds(deadline).plus(TaskDeadline.TRANSPORT_GRACE).compareTo(cap) < 0
                ? Duration.ofSeconds(deadline).plus(TaskDeadline.TRANSPORT_GRACE) : cap;
    }
}
