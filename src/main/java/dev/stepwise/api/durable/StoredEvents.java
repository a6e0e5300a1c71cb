package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.Iterator;

/**
 * Reads back the AWS-shaped events the runtime stores ({@link dev.stepwise.store.HistoryJson}):
 * the detail member names the record, payloads are JSON text. The API renders the result with the
 * same code as in-memory events, so both backends answer GetExecutionHistory alike.
 */
final class StoredEvents {
    private StoredEvents() {
    }

    static StoredEvent read(JsonNode json) {
        EventType type = EventType.valueOf(json.get("type").asText());
        String member = null;
        JsonNode detail = null;
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.endsWith("EventDetails")) {
                member = name;
                detail = json.get(name);
            }
        }
        return new StoredEvent(json.get("id").asLong(), json.get("previousEventId").asLong(),
                Instant.parse(json.get("timestamp").asText()), new HistoryEvent(type, details(member, detail)));
    }

    private static EventDetails details(String member, JsonNode d) {
        if (member == null) {
            return EventDetails.None.INSTANCE;
        }
        return switch (member) {
            case "executionStartedEventDetails" -> new EventDetails.ExecutionStarted(payload(d, "input"), text(d, "roleArn"));
            case "executionSucceededEventDetails" -> new EventDetails.ExecutionSucceeded(payload(d, "output"));
            case "executionFailedEventDetails", "executionAbortedEventDetails" ->
                    new EventDetails.ExecutionFailed(text(d, "error"), text(d, "cause"));
            case "executionRedrivenEventDetails" -> new EventDetails.ExecutionRedriven(d.path("redriveCount").asInt());
            case "executionTimedOutEventDetails" -> new EventDetails.ExecutionTimedOut(text(d, "error"), text(d, "cause"));
            case "evaluationFailedEventDetails" -> new EventDetails.EvaluationFailed(text(d, "error"), text(d, "cause"),
                    text(d, "location"), text(d, "state"));
            case "stateEnteredEventDetails" -> new EventDetails.StateEntered(text(d, "name"), payload(d, "input"));
            case "stateExitedEventDetails" -> new EventDetails.StateExited(text(d, "name"), payload(d, "output"),
                    assignedVariables(d.get("assignedVariables")));
            case "taskScheduledEventDetails" -> new EventDetails.TaskScheduled(text(d, "resourceType"), text(d, "resource"),
                    text(d, "region"), payload(d, "parameters"), number(d, "timeoutInSeconds"), number(d, "heartbeatInSeconds"));
            case "taskStartedEventDetails" -> new EventDetails.TaskStarted(text(d, "resourceType"), text(d, "resource"));
            case "taskSucceededEventDetails" -> new EventDetails.TaskSucceeded(text(d, "resourceType"), text(d, "resource"),
                    payload(d, "output"));
            case "taskFailedEventDetails" -> new EventDetails.TaskFailed(text(d, "resourceType"), text(d, "resource"),
                    text(d, "error"), text(d, "cause"));
            case "taskSubmittedEventDetails" -> new EventDetails.TaskSubmitted(text(d, "resourceType"), text(d, "resource"),
                    payload(d, "output"));
            case "taskTimedOutEventDetails" -> new EventDetails.TaskTimedOut(text(d, "resourceType"), text(d, "resource"),
                    text(d, "error"), text(d, "cause"));
            case "lambdaFunctionTimedOutEventDetails" -> new EventDetails.LambdaFunctionTimedOut(text(d, "error"), text(d, "cause"));
            case "activityStartedEventDetails" -> new EventDetails.ActivityStarted(text(d, "workerName"));
            case "activityTimedOutEventDetails" -> new EventDetails.ActivityTimedOut(text(d, "error"), text(d, "cause"));
            case "lambdaFunctionScheduledEventDetails" -> new EventDetails.LambdaFunctionScheduled(text(d, "resource"),
                    payload(d, "input"), number(d, "timeoutInSeconds"));
            case "lambdaFunctionSucceededEventDetails" -> new EventDetails.LambdaFunctionSucceeded(payload(d, "output"));
            case "lambdaFunctionFailedEventDetails" -> new EventDetails.LambdaFunctionFailed(text(d, "error"), text(d, "cause"));
            case "activityScheduledEventDetails" -> new EventDetails.ActivityScheduled(text(d, "resource"), payload(d, "input"),
                    number(d, "timeoutInSeconds"), number(d, "heartbeatInSeconds"));
            case "activitySucceededEventDetails" -> new EventDetails.ActivitySucceeded(payload(d, "output"));
            case "activityFailedEventDetails" -> new EventDetails.ActivityFailed(text(d, "error"), text(d, "cause"));
            case "mapStateStartedEventDetails" -> new EventDetails.MapStateStarted(d.path("length").asInt());
            case "mapIterationStartedEventDetails", "mapIterationSucceededEventDetails", "mapIterationFailedEventDetails",
                 "mapIterationAbortedEventDetails" -> new EventDetails.MapIteration(text(d, "name"), d.path("index").asInt());
            case "mapRunStartedEventDetails" -> new EventDetails.MapRunStarted(text(d, "mapRunArn"));
            case "mapRunFailedEventDetails" -> new EventDetails.MapRunFailed(text(d, "error"), text(d, "cause"));
            case "mapRunRedrivenEventDetails" -> new EventDetails.MapRunRedriven(text(d, "mapRunArn"), d.path("redriveCount").asInt());
            default -> throw new IllegalStateException("a stored event has an unknown detail member " + member);
        };
    }

    /**
     * A payload is JSON text. The store leaves a JSON null payload out, where an in-memory
     * event keeps it; reading it back as null makes the API render it as the text "null" alike.
     */
    private static JsonNode payload(JsonNode d, String field) {
        JsonNode value = d.get(field);
        return value == null || value.isNull() ? Json.NODES.nullNode() : Json.parse(value.asText());
    }

    private static String text(JsonNode d, String field) {
        JsonNode value = d.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Long number(JsonNode d, String field) {
        JsonNode value = d.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    /** The stored name → JSON text map back to name → value; null when the state assigned nothing. */
    private static JsonNode assignedVariables(JsonNode stored) {
        if (stored == null || !stored.isObject()) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode values = dev.stepwise.asl.Json.object();
        stored.fields().forEachRemaining(v -> values.set(v.getKey(), dev.stepwise.asl.Json.parse(v.getValue().asText())));
        return values;
    }
}
