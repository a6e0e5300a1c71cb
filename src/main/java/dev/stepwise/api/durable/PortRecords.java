package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.AliasRecord;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.VersionRecord;
import dev.stepwise.asl.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The port records as JSON text, the way the durable adapters keep them in one DynamoDB string
 * attribute. Instants keep their full precision (ISO-8601), so a record read back equals the one
 * written — PublishStateMachineVersion compares revisions with {@code equals}.
 */
final class PortRecords {
    private PortRecords() {
    }

    static ObjectNode machine(StateMachineRecord m) {
        ObjectNode json = Json.object();
        json.put("stateMachineArn", m.stateMachineArn());
        json.put("name", m.name());
        json.put("definition", m.definition());
        json.put("roleArn", m.roleArn());
        json.put("type", m.type());
        json.set("loggingConfiguration", m.loggingConfiguration());
        json.set("tracingConfiguration", m.tracingConfiguration());
        json.put("creationDate", text(m.creationDate()));
        json.put("revisionId", m.revisionId());
        json.put("updateDate", text(m.updateDate()));
        json.put("description", m.description());
        return json;
    }

    static StateMachineRecord machine(JsonNode json) {
        return new StateMachineRecord(str(json, "stateMachineArn"), str(json, "name"), str(json, "definition"),
                str(json, "roleArn"), str(json, "type"), node(json, "loggingConfiguration"),
                node(json, "tracingConfiguration"), instant(json, "creationDate"), str(json, "revisionId"),
                instant(json, "updateDate"), str(json, "description"));
    }

    static ObjectNode version(VersionRecord v) {
        ObjectNode json = Json.object();
        json.put("stateMachineVersionArn", v.stateMachineVersionArn());
        json.put("stateMachineArn", v.stateMachineArn());
        json.put("version", v.version());
        json.set("snapshot", machine(v.snapshot()));
        json.put("description", v.description());
        json.put("creationDate", text(v.creationDate()));
        return json;
    }

    static VersionRecord version(JsonNode json) {
        return new VersionRecord(str(json, "stateMachineVersionArn"), str(json, "stateMachineArn"),
                json.get("version").asLong(), machine(json.get("snapshot")), str(json, "description"),
                instant(json, "creationDate"));
    }

    static ObjectNode alias(AliasRecord a) {
        ObjectNode json = Json.object();
        json.put("stateMachineAliasArn", a.stateMachineAliasArn());
        json.put("stateMachineArn", a.stateMachineArn());
        json.put("name", a.name());
        json.put("description", a.description());
        ArrayNode routes = json.putArray("routingConfiguration");
        for (AliasRecord.Route route : a.routingConfiguration()) {
            routes.addObject().put("stateMachineVersionArn", route.stateMachineVersionArn()).put("weight", route.weight());
        }
        json.put("creationDate", text(a.creationDate()));
        json.put("updateDate", text(a.updateDate()));
        return json;
    }

    static AliasRecord alias(JsonNode json) {
        List<AliasRecord.Route> routes = new ArrayList<>();
        for (JsonNode route : json.get("routingConfiguration")) {
            routes.add(new AliasRecord.Route(route.get("stateMachineVersionArn").asText(), route.get("weight").asInt()));
        }
        return new AliasRecord(str(json, "stateMachineAliasArn"), str(json, "stateMachineArn"), str(json, "name"),
                str(json, "description"), routes, instant(json, "creationDate"), instant(json, "updateDate"));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String str(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode node(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static Instant instant(JsonNode json, String field) {
        String value = str(json, field);
        return value == null ? null : Instant.parse(value);
    }
}
