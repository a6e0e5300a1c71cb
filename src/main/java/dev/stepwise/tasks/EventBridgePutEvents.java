package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.util.List;
import java.util.Map;

/**
 * {@code arn:aws:states:::events:putEvents}: EventBridge PutEvents. As the guide's "Add EventBridge
 * events with Step Functions" says, the execution ARN and state machine ARN are appended to each
 * entry's Resources, and a non-zero FailedEntryCount fails the task with
 * {@code EventBridge.FailedEntry}. Recorded on AWS: an object Detail is sent as its JSON text, the
 * result is {Entries, FailedEntryCount} without SDK metadata, and the failure's cause is that
 * response; Resources get the state machine ARN, then the execution ARN.
 */
final class EventBridgePutEvents implements ServiceIntegration {
    static final String FAILED_ENTRY = "EventBridge.FailedEntry";
    private static final List<String> ENTRY_FIELDS = List.of("Detail", "DetailType", "EventBusName", "Resources", "Source",
            "Time", "TraceHeader");

    private final JsonProtocol events;

    EventBridgePutEvents(AwsCall aws) {
        this.events = new JsonProtocol(aws, AwsService.EVENTBRIDGE, "AWSEvents", "application/x-amz-json-1.1", Map.of());
    }

    @Override
    public Resumption call(TaskCall call) {
        ObjectNode body = Json.object();
        JsonNode entries = call.parameter("Entries");
        if (entries != null && entries.isArray()) {
            ArrayNode sent = body.putArray("Entries");
            for (JsonNode entry : entries) {
                sent.add(entry(entry, call));
            }
        } else if (entries != null) {
            body.set("Entries", entries);
        }
        JsonProtocol.Outcome outcome = events.call(call, "PutEvents", body);
        if (outcome.failure() != null) {
            return outcome.failure();
        }
        JsonNode response = outcome.response().json();
        ObjectNode result = Json.object();
        result.set("Entries", response.path("Entries").isMissingNode() ? Json.NODES.arrayNode() : response.get("Entries"));
        result.put("FailedEntryCount", response.path("FailedEntryCount").asInt(0));
        if (result.get("FailedEntryCount").asInt() > 0) {
            return new Resumption.TaskFailed(FAILED_ENTRY, Json.write(result));
        }
        return new Resumption.TaskSucceeded(result);
    }

    private static JsonNode entry(JsonNode entry, TaskCall call) {
        if (!entry.isObject()) {
            return entry;
        }
        ObjectNode sent = Json.object();
        for (String field : ENTRY_FIELDS) {
            if (entry.has(field)) {
                sent.set(field, entry.get(field));
            }
        }
        JsonNode detail = sent.get("Detail");
        if (detail != null && !detail.isTextual() && !detail.isNull()) {
            sent.put("Detail", Json.write(detail));
        }
        ArrayNode resources = Json.NODES.arrayNode();
        JsonNode given = sent.get("Resources");
        if (given != null && given.isArray()) {
            resources.addAll((ArrayNode) given);
        }
        if (call.request().stateMachineArn() != null) {
            resources.add(call.request().stateMachineArn());
        }
        if (call.request().executionArn() != null) {
            resources.add(call.request().executionArn());
        }
        sent.set("Resources", resources);
        return sent;
    }
}
