package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.validate.InvalidDefinitionException;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.InMemoryRunner;
import dev.stepwise.engine.Variables;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * TestState: runs ONE state on an input with the engine, persisting nothing. The state is put
 * in a scratch machine whose transition targets (Next, Default, Choices, Catch) are Succeed
 * states, so the state runs exactly as in a real machine and the target it enters is its
 * nextState. Status as the API reference gives it: SUCCEEDED, FAILED, or CAUGHT_ERROR when a
 * Catcher took the error. Waits and retry back-offs pass on a virtual clock, so a retried state
 * reports its final attempt (AWS answers RETRIABLE after the first one).
 */
final class TestStateAction implements Action {
    private static final String STATE_NAME = "TestState";

    private final ApiContext context;
    private final InMemoryRunner.TaskExecutor tasks;

    TestStateAction(ApiContext context, InMemoryRunner.TaskExecutor tasks) {
        this.context = context;
        this.tasks = tasks;
    }

    @Override
    public JsonNode handle(Request request) {
        String definition = StateMachineActions.definition(request, true);
        String roleArn = StateMachineActions.roleArn(request, false);
        String inputText = request.string(INPUT);
        String variablesText = request.string("variables");
        String level = request.oneOf("inspectionLevel", List.of("INFO", "DEBUG", "TRACE"));
        request.bool("revealSecrets", false);
        String input = inputText == null ? "{}" : inputText;
        ExecutionActions.checkInput(input);
        Variables variables = variables(variablesText);
        JsonNode state;
        try {
            state = Json.parse(definition);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidDefinition", "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "
                    + e.getMessage() + "'");
        }
        if (!state.isObject() || !state.has("Type")) {
            throw new ApiException("InvalidDefinition",
                    "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /'");
        }
        Set<String> targets = new LinkedHashSet<>();
        Set<String> catchTargets = new LinkedHashSet<>();
        collectTargets(state, targets, catchTargets);
        ObjectNode states = Json.object();
        states.set(STATE_NAME, state);
        for (String target : concat(targets, catchTargets)) {
            if (!target.equals(STATE_NAME)) {
                states.set(target, Json.object().put("Type", "Succeed"));
            }
        }
        ObjectNode document = Json.object().put("StartAt", STATE_NAME);
        document.set("States", states);
        StateMachine machine;
        try {
            machine = new StateMachineParser().parse(document);
        } catch (InvalidDefinitionException e) {
            throw new ApiException("InvalidDefinition", e.getMessage());
        }
        JsonNode inputNode = Json.parse(input);
        String machineArn = context.arns().stateMachine("TestState");
        String name = UUID.randomUUID().toString();
        ExecutionInfo execution = new ExecutionInfo(context.arns().execution(machineArn, name), name, inputNode,
                roleArn, context.clock().instant(), 0, null, machineArn, "TestState");
        InMemoryRunner.CollectingSink events = new InMemoryRunner.CollectingSink();
        InMemoryRunner.Result result = new InMemoryRunner(new Engine(new EngineOptions(EngineOptions.AWS_PAYLOAD_LIMIT_BYTES,
                context.config().region())), tasks).run(machine, execution, events, new SecureRandom(), variables);

        ObjectNode out = Json.object();
        String nextState = null;
        JsonNode output = result.output();
        // The run enters a target's Succeed placeholder last, if the state moved on; states inside
        // a Map or Parallel under test are entered earlier and are not its nextState.
        List<HistoryEvent> all = events.events();
        for (int i = all.size() - 1; i >= 0 && nextState == null; i--) {
            if (all.get(i).details() instanceof EventDetails.StateEntered entered) {
                if (all.get(i).type() == EventType.SucceedStateEntered && !entered.name().equals(STATE_NAME)
                        && (targets.contains(entered.name()) || catchTargets.contains(entered.name()))) {
                    nextState = entered.name();
                    output = entered.input();
                }
                break;
            }
        }
        if (nextState != null) {
            boolean caught = catchTargets.contains(nextState) && (!targets.contains(nextState) || failed(events.events()));
            out.put(STATUS, caught ? "CAUGHT_ERROR" : "SUCCEEDED");
            out.put("nextState", nextState);
            out.put(OUTPUT, Json.write(output));
            if (caught && output.isObject()) {
                Shapes.putIfSet(out, ERROR, output.path("Error").asText(null));
                Shapes.putIfSet(out, CAUSE, output.path("Cause").asText(null));
            }
        } else if (result.status() == ExecutionStatus.SUCCEEDED) {
            out.put(STATUS, "SUCCEEDED");
            out.put(OUTPUT, Json.write(output));
        } else {
            out.put(STATUS, "FAILED");
            Shapes.putIfSet(out, ERROR, result.error());
            Shapes.putIfSet(out, CAUSE, result.cause());
        }
        if ("DEBUG".equals(level) || "TRACE".equals(level)) {
            ObjectNode inspection = inspection(state, inputNode, "Task".equals(state.path("Type").asText())
                    ? events.events() : List.of());
            // "JSON string that contains the set of workflow variables after execution of the state".
            ObjectNode after = Json.object();
            result.variables().values().forEach(after::set);
            inspection.put("variables", Json.write(after));
            out.set("inspectionData", inspection);
        }
        return out;
    }

    /**
     * The documented inspectionData members this runner can show: the input, the effective input
     * after InputPath, the task's parameters (afterParameters) and its raw result. Payloads are
     * JSON strings, as in AWS's answer. {@code events} are the run's events when the state is a
     * Task (a Map's or Parallel's inner tasks are not the state's own), else none.
     */
    private static ObjectNode inspection(JsonNode state, JsonNode input, List<HistoryEvent> events) {
        ObjectNode data = Json.object().put(INPUT, Json.write(input));
        JsonNode inputPath = state.get("InputPath");
        if (inputPath == null || inputPath.isTextual()) {
            try {
                JsonNode after = inputPath == null ? input
                        : JsonPath.compile(inputPath.asText()).read(Bindings.ofInput(input)).orElse(null);
                if (after != null) {
                    data.put("afterInputPath", Json.write(after));
                }
            } catch (RuntimeException e) {
                // The run itself reports a bad path as the state's error.
            }
        } else if (inputPath.isNull()) {
            data.put("afterInputPath", "{}");
        }
        for (HistoryEvent event : events) {
            if (event.details() instanceof EventDetails.TaskScheduled d) {
                data.put("afterParameters", Json.write(d.parameters()));
            } else if (event.details() instanceof EventDetails.LambdaFunctionScheduled d) {
                data.put("afterParameters", Json.write(d.input()));
            } else if (event.details() instanceof EventDetails.ActivityScheduled d) {
                data.put("afterParameters", Json.write(d.input()));
            } else if (event.details() instanceof EventDetails.TaskSucceeded d) {
                data.put("result", Json.write(d.output()));
            } else if (event.details() instanceof EventDetails.LambdaFunctionSucceeded d) {
                data.put("result", Json.write(d.output()));
            } else if (event.details() instanceof EventDetails.ActivitySucceeded d) {
                data.put("result", Json.write(d.output()));
            }
        }
        return data;
    }

    /** TestState's {@code variables}: a JSON object of name → value, the variables the state sees. */
    private static Variables variables(String text) {
        if (text == null) {
            return Variables.NONE;
        }
        JsonNode value;
        try {
            value = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidExecutionInput", "Invalid variables: '" + e.getMessage() + "'");
        }
        if (!value.isObject()) {
            throw new ApiException("InvalidExecutionInput", "Invalid variables: 'variables must be a JSON object'");
        }
        return Variables.NONE.with(value);
    }

    private static boolean failed(List<HistoryEvent> events) {
        return events.stream().anyMatch(e -> e.details() instanceof EventDetails.TaskFailed
                || e.details() instanceof EventDetails.LambdaFunctionFailed
                || e.details() instanceof EventDetails.ActivityFailed);
    }

    private static void collectTargets(JsonNode state, Set<String> targets, Set<String> catchTargets) {
        addText(state.get("Next"), targets);
        addText(state.get("Default"), targets);
        for (JsonNode choice : state.path("Choices")) {
            addText(choice.get("Next"), targets);
        }
        for (JsonNode catcher : state.path("Catch")) {
            addText(catcher.get("Next"), catchTargets);
        }
    }

    private static void addText(JsonNode value, Set<String> into) {
        if (value != null && value.isTextual()) {
            into.add(value.asText());
        }
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
