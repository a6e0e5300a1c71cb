package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A history event as it is stored: already in the shape of an AWS GetExecutionHistory event
 * ({@code id}, {@code previousEventId}, {@code timestamp}, {@code type}, one detail member), so
 * the API serves stored events without knowing the engine's records. As on AWS, payloads
 * (input, output, parameters) are JSON text inside the detail, not nested JSON.
 */
public final class HistoryJson {
    private static final Set<String> PAYLOADS = Set.of("input", "output", "parameters");

    /** StateExited's map of variable name → value, each value written as a JSON string, as AWS does. */
    public static final String ASSIGNED_VARIABLES = "assignedVariables";

    private HistoryJson() {
    }

    public static ObjectNode assignedVariables(JsonNode assigned) {
        ObjectNode strings = Json.object();
        assigned.fields().forEachRemaining(v -> strings.put(v.getKey(), Json.write(v.getValue())));
        return strings;
    }

    public static ObjectNode write(HistoryEvent event, long id, long previousEventId, Instant timestamp) {
        ObjectNode json = Json.object();
        json.put("timestamp", timestamp.toString());
        json.put("type", event.type().name());
        json.put("id", id);
        json.put("previousEventId", previousEventId);
        EventDetails details = event.details();
        if (details instanceof EventDetails.None) {
            return json;
        }
        String field = details.awsField();
        if (field == null) {
            String type = event.type().name();
            field = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
        }
        ObjectNode detail = Json.object();
        JsonNode fields = Json.MAPPER.valueToTree(details);
        Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (value == null || value.isNull() || entry.getKey().equals("awsField")) {
                continue;
            }
            if (entry.getKey().equals(ASSIGNED_VARIABLES)) {
                detail.set(ASSIGNED_VARIABLES, assignedVariables(value));
                detail.putObject(ASSIGNED_VARIABLES + "Details").put("truncated", false);
            } else if (PAYLOADS.contains(entry.getKey())) {
                detail.put(entry.getKey(), Json.write(value));
                detail.putObject(entry.getKey() + "Details").put("truncated", false);
            } else {
                detail.set(entry.getKey(), value);
            }
        }
        json.set(field, detail);
        return json;
    }
}
