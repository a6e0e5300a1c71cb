package dev.stepwise.asl.model;

import static dev.stepwise.asl.model.AslFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the records of states whose QueryLanguage is JSONata. Their JSONPath fields (paths,
 * Parameters, ResultSelector, Result) cannot be set, so those parts take their defaults; the
 * fields that may hold {@code {% %}} expressions are compiled into {@link JsonataFields}.
 */
final class JsonataStates {
    private final StateMachineParser parser;
    private final String machineLanguage;

    JsonataStates(StateMachineParser parser, String machineLanguage) {
        this.parser = parser;
        this.machineLanguage = machineLanguage;
    }

    State state(String name, JsonNode node) {
        JsonataFields fields = fields(node);
        Assignment assign = StateMachineParser.jsonataAssign(node);
        Transition next = StateMachineParser.transition(node);
        return switch (node.path(TYPE).asText()) {
            case "Pass" -> new PassState(name, DataPaths.DEFAULT, null, null, next, assign, fields);
            case "Task" -> new TaskState(name, DataPaths.DEFAULT, null, null, node.path(RESOURCE).asText(),
                    number(node, TIMEOUT_SECONDS), null, number(node, HEARTBEAT_SECONDS), null, node.get(CREDENTIALS),
                    StateMachineParser.errors(node, true), next, assign, fields);
            case "Choice" -> new ChoiceState(name, DataPaths.DEFAULT, choices(node), StateMachineParser.text(node, DEFAULT),
                    assign, fields);
            case "Wait" -> new WaitState(name, DataPaths.DEFAULT, null, null, null, null, next, assign, fields);
            case "Succeed" -> new SucceedState(name, DataPaths.DEFAULT, fields);
            case "Fail" -> new FailState(name, null, null, null, null, fields);
            case "Parallel" -> new ParallelState(name, DataPaths.DEFAULT, null, null, parser.branches(node, machineLanguage),
                    StateMachineParser.errors(node, true), next, assign, fields);
            case "Map" -> map(name, node, fields, assign, next);
            default -> throw new IllegalArgumentException("unknown state type of state " + name);
        };
    }

    private MapState map(String name, JsonNode node, JsonataFields fields, Assignment assign, Transition next) {
        JsonNode processor = node.has(ITEM_PROCESSOR) ? node.get(ITEM_PROCESSOR) : node.get(ITERATOR);
        JsonNode config = processor.path(PROCESSOR_CONFIG);
        MapState.ProcessorMode mode = "DISTRIBUTED".equals(config.path(MODE).asText())
                ? MapState.ProcessorMode.DISTRIBUTED : MapState.ProcessorMode.INLINE;
        return new MapState(name, DataPaths.DEFAULT, null, null, parser.branch(processor, machineLanguage), mode,
                StateMachineParser.text(config, EXECUTION_TYPE), null, null, null, null, null, null,
                node.get(ITEM_READER), node.get(ITEM_BATCHER), node.get(RESULT_WRITER), StateMachineParser.text(node, LABEL),
                StateMachineParser.childDefinition(processor, machineLanguage), null, StateMachineParser.errors(node, true), next, assign, fields);
    }

    private static List<ChoiceState.Choice> choices(JsonNode node) {
        List<ChoiceState.Choice> choices = new ArrayList<>();
        JsonNode rules = node.get(CHOICES);
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String field = "Choices[" + i + "]/";
            choices.add(new ChoiceState.Choice(null, rule.path(NEXT).asText(), StateMachineParser.jsonataAssign(rule),
                    JsonataTemplate.compile(field + CONDITION, rule.get(CONDITION)),
                    rule.has(OUTPUT) ? JsonataTemplate.compile(field + OUTPUT, rule.get(OUTPUT)) : null));
        }
        return List.copyOf(choices);
    }

    private static JsonataFields fields(JsonNode node) {
        Map<String, JsonataTemplate> fields = new HashMap<>();
        for (String name : JsonataFields.EVALUATED) {
            if (node.has(name)) {
                fields.put(name, JsonataTemplate.compile(name, node.get(name)));
            }
        }
        return new JsonataFields(fields);
    }

    /** A fixed number, or null when the field is absent or an expression (then read from {@link JsonataFields}). */
    private static Integer number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asInt() : null;
    }
}
