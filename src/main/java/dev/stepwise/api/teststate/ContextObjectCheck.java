package dev.stepwise.api.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiException;
import java.util.Iterator;
import java.util.Map;

/**
 * TestState's {@code context}: "A JSON string representing a valid Context object for the state
 * under test". Checked field by field as AWS checks it; messages recorded on AWS (LocalStack's
 * test_state_context_object.snapshot.json): "Invalid Context object provided: Field 'Pokedex' is
 * not allowed", "... Execution.Id must be a string", "... 'Map' field is not supported when
 * mocking a Context object", "... Context object contains 'Task' when state is not a Task state
 * with a '.sync' or '.waitForTaskToken' service integration pattern".
 */
final class ContextObjectCheck {
    private static final String PREFIX = "Invalid Context object provided: ";
    private static final String TEXT = "string";
    private static final String NUMBER = "number";
    private static final String ANY = "any";

    /** The members of each part of the context object and their JSON types, as the developer guide lists them. */
    private static final Map<String, Map<String, String>> MEMBERS = Map.of(
            "Execution", Map.of("Id", TEXT, "Input", ANY, "Name", TEXT, "RoleArn", TEXT, "StartTime", TEXT,
                    "RedriveCount", NUMBER, "RedriveTime", TEXT),
            "State", Map.of("EnteredTime", TEXT, "Name", TEXT, "RetryCount", NUMBER),
            "StateMachine", Map.of("Id", TEXT, "Name", TEXT),
            "Task", Map.of("Token", TEXT));

    private ContextObjectCheck() {
    }

    /** @param waits the state is a Task whose integration waits (.sync or .waitForTaskToken): only then may Task be given */
    static ObjectNode check(JsonNode context, boolean waits) {
        if (!context.isObject()) {
            throw invalid("Context object must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> part = it.next();
            String name = part.getKey();
            if (name.equals("Map")) {
                throw invalid("'Map' field is not supported when mocking a Context object");
            }
            Map<String, String> members = MEMBERS.get(name);
            if (members == null) {
                throw invalid("Field '" + name + "' is not allowed");
            }
            if (name.equals("Task") && !waits) {
                throw invalid("Context object contains 'Task' when state is not a Task state with a '.sync' or "
                        + "'.waitForTaskToken' service integration pattern");
            }
            if (!part.getValue().isObject()) {
                throw invalid(name + " must be an object");
            }
            members(name, part.getValue(), members);
        }
        return (ObjectNode) context;
    }

    private static void members(String part, JsonNode value, Map<String, String> members) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String type = members.get(member.getKey());
            if (type == null) {
                throw invalid("Field '" + member.getKey() + "' is not allowed");
            }
            JsonNode given = member.getValue();
            boolean fits = type.equals(ANY) || (type.equals(TEXT) ? given.isTextual() : given.isNumber());
            if (!fits) {
                throw invalid(part + "." + member.getKey() + " must be a " + type);
            }
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException("ValidationException", PREFIX + detail);
    }
}
