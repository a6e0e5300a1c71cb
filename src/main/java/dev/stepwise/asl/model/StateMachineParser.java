package dev.stepwise.asl.model;

import static dev.stepwise.asl.model.AslFields.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.choice.ChoiceRules;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import dev.stepwise.asl.template.DynamicValue;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.template.PayloadTemplate;
import dev.stepwise.asl.path.ReferencePath;
import dev.stepwise.asl.validate.DefinitionValidator;
import dev.stepwise.asl.validate.Diagnostic;
import dev.stepwise.asl.validate.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns definition text into a {@link StateMachine}. The validator sees the raw document first
 * and reports every finding; building the records then only meets valid input.
 */
public final class StateMachineParser {
    static final String JSONPATH = "JSONPath";
    static final String JSONATA = "JSONata";

    private final DefinitionValidator validator = new DefinitionValidator();

    /** @throws InvalidDefinitionException with every finding when the definition is not valid */
    public StateMachine parse(String definition) {
        // The text is validated first: bad JSON and repeated state names are only visible there.
        List<Diagnostic> findings = validator.validate(definition);
        if (findings.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            throw new InvalidDefinitionException(findings);
        }
        return parse(Json.parse(definition));
    }

    /** @throws InvalidDefinitionException with every finding when the definition is not valid */
    public StateMachine parse(JsonNode document) {
        List<Diagnostic> findings = validator.validate(document);
        if (findings.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            throw new InvalidDefinitionException(findings);
        }
        try {
            String language = JSONATA.equals(text(document, QUERY_LANGUAGE)) ? JSONATA : JSONPATH;
            return new StateMachine(branch(document, language), text(document, COMMENT), text(document, VERSION),
                    integer(document, TIMEOUT_SECONDS), text(document, QUERY_LANGUAGE), document);
        } catch (RuntimeException e) {
            // The validator should have caught it; still, a bad definition never escapes as anything else.
            throw new InvalidDefinitionException(List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED",
                    String.valueOf(e.getMessage()), "")));
        }
    }

    /** States inherit the state machine's QueryLanguage (JSONPath by default) unless they set their own. */
    Branch branch(JsonNode node, String machineLanguage) {
        Map<String, State> states = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.get(STATES).fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode state = entry.getValue();
            String language = state.has(QUERY_LANGUAGE) ? state.get(QUERY_LANGUAGE).asText() : machineLanguage;
            states.put(entry.getKey(), JSONATA.equals(language)
                    ? new JsonataStates(this, machineLanguage).state(entry.getKey(), state)
                    : state(entry.getKey(), state, machineLanguage));
        }
        return new Branch(node.get(START_AT).asText(), Collections.unmodifiableMap(states));
    }

    private State state(String name, JsonNode node, String language) {
        String type = node.path(TYPE).asText();
        return switch (type) {
            case "Pass" -> new PassState(name, paths(node), template(node, PARAMETERS), node.get(RESULT), transition(node),
                    assign(node), null);
            case "Task" -> new TaskState(name, paths(node), template(node, PARAMETERS), template(node, RESULT_SELECTOR),
                    node.path(RESOURCE).asText(), integer(node, TIMEOUT_SECONDS), path(node, TIMEOUT_SECONDS_PATH),
                    integer(node, HEARTBEAT_SECONDS), path(node, HEARTBEAT_SECONDS_PATH), node.get(CREDENTIALS),
                    errors(node), transition(node), assign(node), null);
            case "Choice" -> new ChoiceState(name, paths(node), choices(node), text(node, DEFAULT), assign(node), null);
            case "Wait" -> new WaitState(name, paths(node), node.has(SECONDS) ? node.get(SECONDS).asLong() : null,
                    text(node, TIMESTAMP), path(node, SECONDS_PATH), path(node, TIMESTAMP_PATH), transition(node), assign(node),
                    null);
            case "Succeed" -> new SucceedState(name, paths(node), null);
            case "Fail" -> new FailState(name, text(node, ERROR), dynamic(node, ERROR_PATH), text(node, CAUSE), dynamic(node, CAUSE_PATH),
                    null);
            case "Parallel" -> new ParallelState(name, paths(node), template(node, PARAMETERS), template(node, RESULT_SELECTOR),
                    branches(node, language), errors(node), transition(node), assign(node), null);
            case "Map" -> map(name, node, language);
            default -> throw new IllegalArgumentException("unknown state type '" + type + "' of state " + name);
        };
    }

    /**
     * The item processor as a definition of its own (ProcessorConfig left out): its states keep
     * the query language they inherit from the enclosing machine.
     */
    static JsonNode childDefinition(JsonNode processor, String language) {
        com.fasterxml.jackson.databind.node.ObjectNode definition = processor.deepCopy();
        definition.remove(PROCESSOR_CONFIG);
        if (language != null && !definition.has("QueryLanguage")) {
            definition.put("QueryLanguage", language);
        }
        return definition;
    }

    private MapState map(String name, JsonNode node, String language) {
        JsonNode processor = node.has(ITEM_PROCESSOR) ? node.get(ITEM_PROCESSOR) : node.get(ITERATOR);
        JsonNode config = processor.path(PROCESSOR_CONFIG);
        MapState.ProcessorMode mode = "DISTRIBUTED".equals(config.path(MODE).asText())
                ? MapState.ProcessorMode.DISTRIBUTED : MapState.ProcessorMode.INLINE;
        PayloadTemplate selector = node.has(ITEM_SELECTOR) ? template(node, ITEM_SELECTOR) : template(node, PARAMETERS);
        Double percentage = node.has(TOLERATED_FAILURE_PERCENTAGE) ? node.get(TOLERATED_FAILURE_PERCENTAGE).asDouble() : null;
        return new MapState(name, paths(node), path(node, ITEMS_PATH), selector, branch(processor, language), mode,
                text(config, EXECUTION_TYPE), integer(node, MAX_CONCURRENCY), path(node, MAX_CONCURRENCY_PATH),
                percentage, path(node, TOLERATED_FAILURE_PERCENTAGE_PATH),
                integer(node, TOLERATED_FAILURE_COUNT), path(node, TOLERATED_FAILURE_COUNT_PATH),
                node.get(ITEM_READER), node.get(ITEM_BATCHER), node.get(RESULT_WRITER), text(node, LABEL),
                childDefinition(processor, language), template(node, RESULT_SELECTOR), errors(node), transition(node), assign(node), null);
    }

    List<Branch> branches(JsonNode node, String language) {
        List<Branch> branches = new ArrayList<>();
        for (JsonNode branch : node.get(BRANCHES)) {
            branches.add(branch(branch, language));
        }
        return List.copyOf(branches);
    }

    private List<ChoiceState.Choice> choices(JsonNode node) {
        List<ChoiceState.Choice> choices = new ArrayList<>();
        for (JsonNode rule : node.get(CHOICES)) {
            choices.add(new ChoiceState.Choice(ChoiceRules.parse(rule), rule.path(NEXT).asText(), assign(rule), null, null));
        }
        return List.copyOf(choices);
    }

    static ErrorHandling errors(JsonNode node) {
        return errors(node, false);
    }

    static ErrorHandling errors(JsonNode node, boolean jsonata) {
        if (!node.has(RETRY) && !node.has(CATCH)) {
            return ErrorHandling.NONE;
        }
        List<Retrier> retriers = new ArrayList<>();
        for (JsonNode r : node.path(RETRY)) {
            retriers.add(new Retrier(strings(r.get(ERROR_EQUALS)),
                    r.path(INTERVAL_SECONDS).asInt(Retrier.DEFAULT_INTERVAL_SECONDS),
                    r.path(MAX_ATTEMPTS).asInt(Retrier.DEFAULT_MAX_ATTEMPTS),
                    r.path(BACKOFF_RATE).asDouble(Retrier.DEFAULT_BACKOFF_RATE),
                    integer(r, MAX_DELAY_SECONDS),
                    Retrier.JitterStrategy.valueOf(r.path(JITTER_STRATEGY).asText("NONE"))));
        }
        List<Catcher> catchers = new ArrayList<>();
        for (JsonNode c : node.path(CATCH)) {
            catchers.add(jsonata
                    ? new Catcher(strings(c.get(ERROR_EQUALS)), c.path(NEXT).asText(), DataPaths.DEFAULT.resultPath(),
                            jsonataAssign(c), c.has(OUTPUT) ? JsonataTemplate.compile("Output", c.get(OUTPUT)) : null)
                    : new Catcher(strings(c.get(ERROR_EQUALS)), c.path(NEXT).asText(), resultPath(c), assign(c), null));
        }
        return new ErrorHandling(List.copyOf(retriers), List.copyOf(catchers));
    }

    static DataPaths paths(JsonNode node) {
        if (!node.has(INPUT_PATH) && !node.has(OUTPUT_PATH) && !node.has(RESULT_PATH)) {
            return DataPaths.DEFAULT;
        }
        return new DataPaths(nullablePath(node, INPUT_PATH), nullablePath(node, OUTPUT_PATH), resultPath(node));
    }

    /** Absent → {@code $}; JSON null → null (see {@link DataPaths}). */
    static JsonPath nullablePath(JsonNode node, String field) {
        if (!node.has(field)) {
            return DataPaths.DEFAULT.inputPath();
        }
        return node.get(field).isNull() ? null : JsonPath.compile(node.get(field).asText());
    }

    static ReferencePath resultPath(JsonNode node) {
        if (!node.has(RESULT_PATH)) {
            return DataPaths.DEFAULT.resultPath();
        }
        return node.get(RESULT_PATH).isNull() ? null : ReferencePath.compile(node.get(RESULT_PATH).asText());
    }

    static JsonPath path(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : JsonPath.compile(value.asText());
    }

    static DynamicValue dynamic(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : DynamicValue.compile(value.asText());
    }

    static PayloadTemplate template(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : PayloadTemplate.compile(value);
    }

    static Assignment jsonataAssign(JsonNode node) {
        JsonNode value = node.get(ASSIGN);
        return value == null ? null : new Assignment.JsonataAssignment(JsonataTemplate.compile("Assign", value));
    }

    private static Assignment assign(JsonNode node) {
        JsonNode value = node.get(ASSIGN);
        return value == null ? null : new Assignment.JsonPathAssignment(PayloadTemplate.compile(value));
    }

    static Transition transition(JsonNode node) {
        return node.has(NEXT) ? new Transition(node.get(NEXT).asText()) : Transition.END;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array) {
            values.add(value.asText());
        }
        return List.copyOf(values);
    }
}
