package dev.stepwise.api.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiException;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.asl.validate.InvalidDefinitionException;
import dev.stepwise.engine.TaskResource;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The state TestState runs: the definition itself, or with {@code stateName} the state of that
 * name anywhere in a whole state machine (its Parallel branches and Map item processors too).
 * It runs as the start state of a scratch machine whose transition targets (Next, Default,
 * Choices, Catch) are Succeed states, so it runs exactly as in its own machine and the target
 * it moves to is its nextState; it keeps the QueryLanguage its machine gives it.
 */
public record StateUnderTest(String name, ObjectNode definition, StateMachine machine) {
    /** Recorded on AWS: a state tested on its own is named "StateName" ($states.context.State.Name). */
    static final String UNNAMED = "StateName";

    public static StateUnderTest of(String definition, String stateName) {
        JsonNode document;
        try {
            document = Json.parse(definition);
        } catch (IllegalArgumentException e) {
            throw invalidDefinition("INVALID_JSON_DESCRIPTION: " + e.getMessage());
        }
        ObjectNode state;
        String queryLanguage = null;
        String name = stateName == null ? UNNAMED : stateName;
        if (stateName == null) {
            if (!document.isObject() || !document.has("Type")) {
                throw invalidDefinition("SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /");
            }
            state = (ObjectNode) document;
        } else {
            // "If this field is specified, the definition must contain a fully-formed state machine definition."
            parse(document);
            state = find(document.path("States"), stateName).orElseThrow(
                    () -> new ApiException("ValidationException", "State not found in definition"));
            queryLanguage = document.path("QueryLanguage").asText(null);
        }
        ObjectNode scratch = Json.object();
        if (queryLanguage != null) {
            scratch.put("QueryLanguage", queryLanguage);
        }
        scratch.put("StartAt", name);
        ObjectNode states = scratch.putObject("States");
        states.set(name, state);
        for (String target : targets(state)) {
            if (!target.equals(name)) {
                states.set(target, Json.object().put("Type", "Succeed"));
            }
        }
        return new StateUnderTest(name, state, parse(scratch));
    }

    public String type() {
        return definition.path("Type").asText();
    }

    /** A Task whose integration waits for a callback or a job (.waitForTaskToken, .sync), or an activity. */
    public boolean waits() {
        if (!type().equals("Task") || !definition.path("Resource").isTextual()) {
            return false;
        }
        String resource = definition.get("Resource").asText();
        return TaskResource.Pattern.of(resource) != TaskResource.Pattern.REQUEST_RESPONSE || resource.contains(":activity:");
    }

    /** True when a state of this name is inside the tested Map or Parallel state. */
    public boolean contains(String stateName) {
        for (JsonNode branch : definition.path("Branches")) {
            if (find(branch.path("States"), stateName).isPresent()) {
                return true;
            }
        }
        return find(processor(definition).path("States"), stateName).isPresent();
    }

    private static StateMachine parse(JsonNode document) {
        try {
            return new StateMachineParser().parse(document);
        } catch (InvalidDefinitionException e) {
            throw new ApiException("InvalidDefinition", e.getMessage());
        }
    }

    private static Optional<ObjectNode> find(JsonNode states, String name) {
        JsonNode state = states.get(name);
        if (state != null && state.isObject()) {
            return Optional.of((ObjectNode) state);
        }
        for (JsonNode candidate : states) {
            for (JsonNode branch : candidate.path("Branches")) {
                Optional<ObjectNode> found = find(branch.path("States"), name);
                if (found.isPresent()) {
                    return found;
                }
            }
            Optional<ObjectNode> found = find(processor(candidate).path("States"), name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static JsonNode processor(JsonNode state) {
        return state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator");
    }

    private static Set<String> targets(JsonNode state) {
        Set<String> targets = new LinkedHashSet<>();
        addText(state.get("Next"), targets);
        addText(state.get("Default"), targets);
        for (JsonNode choice : state.path("Choices")) {
            addText(choice.get("Next"), targets);
        }
        for (JsonNode catcher : state.path("Catch")) {
            addText(catcher.get("Next"), targets);
        }
        return targets;
    }

    private static void addText(JsonNode value, Set<String> into) {
        if (value != null && value.isTextual()) {
            into.add(value.asText());
        }
    }

    private static ApiException invalidDefinition(String reason) {
        return new ApiException("InvalidDefinition", "Invalid State Machine Definition: '" + reason + "'");
    }
}
