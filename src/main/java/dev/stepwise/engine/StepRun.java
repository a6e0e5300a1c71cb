package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.EvaluationLimits;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.JsonSize;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import dev.stepwise.asl.model.Assignment;
import dev.stepwise.asl.model.Branch;
import dev.stepwise.asl.model.Catcher;
import dev.stepwise.asl.model.DataPaths;
import dev.stepwise.asl.model.ErrorHandling;
import dev.stepwise.asl.model.MapState;
import dev.stepwise.asl.model.ParallelState;
import dev.stepwise.asl.model.Retrier;
import dev.stepwise.asl.model.State;
import dev.stepwise.asl.model.TaskState;
import dev.stepwise.asl.model.Transition;
import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.template.PayloadTemplate;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One evaluation of one step: the frame it runs in, the clock reading and random source it was
 * given, and the events it has produced so far. The work every state shares — InputPath,
 * Parameters, ResultSelector, ResultPath, OutputPath, the payload check, the transition, and
 * Retry/Catch — is written here once; each state type's runner adds only its own semantics.
 */
final class StepRun {
    final EngineOptions options;
    final ExecutionInfo execution;
    final Frame frame;
    final Branch branch;
    /** The Map or Parallel state whose branch this frame is, or null in the root frame. */
    final State enclosing;
    final Instant now;
    final RandomGenerator random;
    private final long firstEventId;
    /** Gives the token this step's callback or activity Task hands out, or is null (no tokens here). */
    final java.util.function.Supplier<String> taskToken;
    /** True for a Task whose answer is mocked: it waits for nothing (see {@link TaskWait}). */
    final java.util.function.Predicate<TaskRequest> mocked;
    /** The id of the Entered event of the state this step entered; null when it continues a state entered before. */
    private Long enteredEventId;
    /** True once a cause quoted {@link #enteredEventId}, which depends on the first event id. */
    private boolean quotesFirstEventId;
    /** The state is run on its own by TestState, or null in an execution. */
    final Isolation isolation;
    private final List<HistoryEvent> events = new ArrayList<>(4);
    /** What the exiting state's Assign set, for its Exited event's assignedVariables. */
    private JsonNode assigned;

    StepRun(EngineOptions options, ExecutionInfo execution, Frame frame, Branch branch, State enclosing, Instant now,
            RandomGenerator random, long firstEventId, java.util.function.Supplier<String> taskToken,
            java.util.function.Predicate<TaskRequest> mocked, Isolation isolation) {
        this.options = options;
        this.isolation = isolation;
        this.taskToken = taskToken;
        this.mocked = mocked;
        this.execution = execution;
        this.frame = frame;
        this.branch = branch;
        this.enclosing = enclosing;
        this.now = now;
        this.random = random;
        this.firstEventId = firstEventId;
    }

    List<HistoryEvent> events() {
        return events;
    }

    long nextEventId() {
        return firstEventId + events.size();
    }

    /** The id the Entered event about to be emitted gets; remembers that this step entered a state. */
    long entering() {
        enteredEventId = nextEventId();
        return enteredEventId;
    }

    Long enteredEventId() {
        return enteredEventId;
    }

    boolean quotesFirstEventId() {
        return quotesFirstEventId;
    }

    /** AWS's cause for a failure of the state's own processing, which quotes the id of its Entered event. */
    String atState(StateVisit visit, String detail) {
        if (enteredEventId != null && visit.enteredEventId() == enteredEventId) {
            quotesFirstEventId = true;
        }
        return Causes.atState(visit.stateName(), visit.enteredEventId(), detail);
    }

    void emit(EventType type, EventDetails details) {
        events.add(new HistoryEvent(type, details));
    }

    /** True when TestState watches this state's data flow (worth building a value only to show it). */
    boolean inspecting() {
        return isolation != null;
    }

    /** Shows one stage of the state's data flow to TestState; nothing in an execution. */
    void inspect(DataFlow.Stage stage, JsonNode value) {
        if (isolation != null && value != null) {
            isolation.dataFlow().record(stage, value);
        }
    }

    // ---- data flow -------------------------------------------------------------------------

    Bindings bindings(JsonNode input, StateVisit visit) {
        return Bindings.of(input, () -> context(visit), random, visit.variables().values());
    }

    /** The exiting state's assigned variables, or null when its Assign set none (or it has no Assign). */
    private JsonNode assignedVariables() {
        return assigned == null || assigned.isEmpty() ? null : assigned;
    }

    /** What this step's Assign set so far (a Wait carries it to the step that exits it). */
    JsonNode assigned() {
        return assignedVariables();
    }

    void assigned(JsonNode value) {
        assigned = value;
    }

    /** What an Assign or Output reads as {@code $} (JSONPath) or under {@code $states} (JSONata). */
    enum Source { INPUT, RESULT, ERROR_OUTPUT }

    /**
     * The variables after an Assign: every value is evaluated with the variables as they were
     * when the state was entered. In JSONPath states {@code $} is what the state produced (its
     * result, its input for states without one, the error output in a Catcher); in JSONata
     * states that value is $states.result or $states.errorOutput.
     */
    Variables assign(Assignment assignment, JsonNode source, Source role, StateVisit visit) {
        if (assignment == null) {
            inspectVariables(visit.variables());
            return visit.variables();
        }
        assigned = assignment instanceof Assignment.JsonataAssignment jsonata
                ? jsonata.template().evaluate(statesVariable(visit, source, role), visit.variables().values(), random, now)
                : ((Assignment.JsonPathAssignment) assignment).template().evaluate(bindings(source, visit));
        Variables next = visit.variables().with(assigned);
        VariableQuota.check(visit.stateName(), assigned, next);
        inspectVariables(next);
        return next;
    }

    private void inspectVariables(Variables variables) {
        if (isolation != null) {
            ObjectNode values = Json.object();
            variables.values().forEach(values::set);
            inspect(DataFlow.Stage.VARIABLES, values);
        }
    }

    /**
     * JSONata's reserved $states: input (the state's raw input), context, and result or
     * errorOutput where the state has one.
     */
    ObjectNode statesVariable(StateVisit visit, JsonNode source, Source role) {
        ObjectNode states = Json.object();
        states.set("input", visit.input());
        if (role == Source.RESULT && source != null) {
            states.set("result", source);
        } else if (role == Source.ERROR_OUTPUT && source != null) {
            states.set("errorOutput", source);
        }
        states.set("context", context(visit));
        return states;
    }

    /** Evaluates a JSONata state's field, or returns null when the state does not set it. */
    JsonNode jsonata(State state, String field, StateVisit visit, JsonNode source, Source role) {
        JsonataTemplate template = state.jsonata().get(field);
        return template == null ? null : template.evaluate(statesVariable(visit, source, role), visit.variables().values(), random, now);
    }

    /** A JSONata state's Output, or {@code fallback} (its input or result) when it sets none. */
    JsonNode jsonataOutput(State state, StateVisit visit, JsonNode source, Source role, JsonNode fallback) {
        JsonNode output = jsonata(state, "Output", visit, source, role);
        return output == null ? fallback : output;
    }

    ObjectNode context(StateVisit visit) {
        if (isolation != null && isolation.contextObject() != null) {
            // TestState's context member is the whole $$ (an empty object gives an empty $$).
            return isolation.contextObject().deepCopy();
        }
        State state = branch.state(visit.stateName());
        // Recorded on AWS: a Pass state's $$ has no State.RetryCount; states that can retry have it.
        boolean retries = state instanceof TaskState || state instanceof ParallelState || state instanceof MapState;
        ObjectNode context = ContextObject.of(execution, visit.stateName(), visit.enteredTime(), retries ? visit.retryCount() : null);
        if (taskToken != null && state instanceof TaskState task
                && TaskResource.Pattern.of(task.resource()) == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN) {
            // AWS: "$$.Task.Token" exists only for the callback pattern (.waitForTaskToken).
            context.putObject("Task").put("Token", taskToken.get());
        }
        return context;
    }

    /** InputPath: null gives {}; a path that selects nothing fails the state. */
    JsonNode applyInputPath(DataPaths paths, StateVisit visit) {
        JsonNode effective = select(paths.inputPath(), "InputPath", visit.input(), visit);
        inspect(DataFlow.Stage.AFTER_INPUT_PATH, effective);
        return effective;
    }

    /** Parameters shape the effective input (the input itself without them). */
    JsonNode applyParameters(PayloadTemplate parameters, JsonNode input, StateVisit visit) {
        JsonNode effective = applyTemplate(parameters, input, visit);
        inspect(DataFlow.Stage.AFTER_PARAMETERS, effective);
        return effective;
    }

    /** A JSONata Task's or Parallel's Arguments, or its input when it has none. */
    JsonNode applyArguments(State state, StateVisit visit) {
        JsonNode arguments = jsonata(state, "Arguments", visit, null, Source.INPUT);
        JsonNode effective = arguments == null ? visit.input() : arguments;
        inspect(DataFlow.Stage.AFTER_ARGUMENTS, effective);
        return effective;
    }

    /** OutputPath: null gives {}; a path that selects nothing fails the state. */
    JsonNode applyOutputPath(DataPaths paths, JsonNode value, StateVisit visit) {
        return select(paths.outputPath(), "OutputPath", value, visit);
    }

    private JsonNode select(JsonPath path, String field, JsonNode value, StateVisit visit) {
        if (path == null) {
            return Json.object();
        }
        if ("$".equals(path.expression())) {
            return value;
        }
        return path.readRequired(bindings(value, visit));
    }

    JsonNode applyTemplate(PayloadTemplate template, JsonNode input, StateVisit visit) {
        return template == null ? input : template.evaluate(bindings(input, visit));
    }

    /** ResultPath places the result into the state's raw input; null discards the result. */
    JsonNode applyResultPath(DataPaths paths, JsonNode result, StateVisit visit) {
        JsonNode placed = paths.resultPath() == null ? visit.input() : paths.resultPath().put(visit.input(), result);
        inspect(DataFlow.Stage.AFTER_RESULT_PATH, placed);
        return placed;
    }

    void checkPayload(State state, JsonNode value) {
        if (JsonSize.exceeds(value, options.payloadLimitBytes())) {
            throw new StatesFailure(StatesError.DATA_LIMIT_EXCEEDED, Causes.dataLimitExceeded(state.name()));
        }
        if (JsonSize.nestsDeeperThan(value, EvaluationLimits.MAX_NESTING_DEPTH)) {
            throw new StatesFailure(StatesError.DATA_LIMIT_EXCEEDED, Causes.nestedTooDeep(state.name()));
        }
    }

    /**
     * A Parallel or Map state's branches are done: on success the array of their outputs goes
     * through ResultSelector, ResultPath and OutputPath; on failure the state's Retry/Catch decide.
     */
    Outcome joined(State state, DataPaths paths, PayloadTemplate resultSelector, ErrorHandling errors,
                   Transition transition, StateVisit visit, Resumption resumption) {
        String type = state.type();
        if (resumption instanceof Resumption.BranchesFailed failed) {
            emit(EventType.valueOf(type + "StateFailed"), EventDetails.None.INSTANCE);
            return recover(state, errors, visit, failed.error(), failed.cause());
        }
        emit(EventType.valueOf(type + "StateSucceeded"), EventDetails.None.INSTANCE);
        JsonNode result;
        if (resumption instanceof Resumption.BranchesMocked mocked) {
            result = mocked.result();
        } else if (resumption instanceof Resumption.MapRunResult run) {
            result = run.result();
        } else {
            com.fasterxml.jackson.databind.node.ArrayNode outputs = Json.NODES.arrayNode();
            outputs.addAll(((Resumption.BranchesSucceeded) resumption).outputs());
            result = outputs;
        }
        return finish(state, paths, resultSelector, result, transition, visit);
    }

    /**
     * A Task, Parallel or Map state has its result: JSONPath states apply ResultSelector,
     * ResultPath and OutputPath; JSONata states their Output ($states.result by default). Assign
     * sees the same result.
     */
    Outcome finish(State state, DataPaths paths, PayloadTemplate resultSelector, JsonNode result, Transition transition,
                   StateVisit visit) {
        if (state.jsonata() != null) {
            Variables next = assign(state.assign(), result, Source.RESULT, visit);
            return exit(state, jsonataOutput(state, visit, result, Source.RESULT, result), transition, next);
        }
        JsonNode selected = applyTemplate(resultSelector, result, visit);
        inspect(DataFlow.Stage.AFTER_RESULT_SELECTOR, selected);
        Variables next = assign(state.assign(), selected, Source.RESULT, visit);
        return exit(state, applyOutputPath(paths, applyResultPath(paths, selected, visit), visit), transition, next);
    }

    // ---- endings ---------------------------------------------------------------------------

    /** The state is done with this output and these variables: emit its Exited event and follow its transition. */
    Outcome exit(State state, JsonNode output, Transition transition, Variables variables) {
        checkPayload(state, output);
        emit(EventType.stateExited(state.type()), new EventDetails.StateExited(state.name(), output, assignedVariables()));
        return transition.isEnd() ? frameSucceeded(output)
                : new Outcome.Continue(new Step.Enter(frame, transition.next(), output, variables));
    }

    Outcome frameSucceeded(JsonNode output) {
        if (frame.isRoot()) {
            emit(EventType.ExecutionSucceeded, new EventDetails.ExecutionSucceeded(output));
        } else if (enclosing instanceof MapState) {
            emit(EventType.MapIterationSucceeded, new EventDetails.MapIteration(enclosing.name(), frame.last().index()));
        }
        return new Outcome.FrameSucceeded(output);
    }

    Outcome frameFailed(String error, String cause) {
        if (frame.isRoot()) {
            emit(EventType.ExecutionFailed, new EventDetails.ExecutionFailed(error, cause));
        } else if (enclosing instanceof MapState) {
            emit(EventType.MapIterationFailed, new EventDetails.MapIteration(enclosing.name(), frame.last().index()));
        }
        return new Outcome.FrameFailed(error, cause);
    }

    /**
     * A state reported an error: the first Retrier whose ErrorEquals matches decides whether to
     * retry (while it has attempts left); otherwise the first matching Catcher moves on; otherwise
     * the frame fails.
     */
    Outcome recover(State state, ErrorHandling errors, StateVisit visit, String error, String cause) {
        List<Retrier> retriers = errors.retry();
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (ErrorMatcher.matches(retrier.errorEquals(), error)) {
                int attempts = visit.attemptsOf(i);
                if (attempts < retrier.maxAttempts()) {
                    Instant at = now.plusMillis(RetryDelay.millis(retrier, attempts, random));
                    return new Outcome.Sleep(at, new Step.Resume(frame, visit.withRetry(i), new Resumption.RetryAttempt()),
                            new Outcome.Handled(error, cause, i));
                }
                break;
            }
        }
        List<Catcher> catchers = errors.catchers();
        for (int index = 0; index < catchers.size(); index++) {
            Catcher catcher = catchers.get(index);
            if (ErrorMatcher.matches(catcher.errorEquals(), error)) {
                ObjectNode errorOutput = Json.object();
                errorOutput.put("Error", error);
                // Recorded on AWS: an error without a cause (States.Timeout) is caught as "Cause": "";
                // a SendTaskFailure with neither error nor cause is caught as both null.
                errorOutput.put("Cause", cause == null && error != null ? "" : cause);
                JsonNode output;
                Variables next;
                try {
                    if (state.jsonata() != null) {
                        // JSONata catchers shape their output with Output ($states.errorOutput by default).
                        output = catcher.output() == null ? errorOutput : catcher.output().evaluate(
                                statesVariable(visit, errorOutput, Source.ERROR_OUTPUT), visit.variables().values(), random, now);
                    } else {
                        output = catcher.resultPath() == null ? visit.input() : catcher.resultPath().put(visit.input(), errorOutput);
                    }
                    checkPayload(state, output);
                    next = assign(catcher.assign(), errorOutput, Source.ERROR_OUTPUT, visit);
                } catch (StatesFailure failure) {
                    return frameFailed(failure.error(), failure.cause());
                }
                emit(EventType.stateExited(state.type()), new EventDetails.StateExited(state.name(), output, assignedVariables()));
                return new Outcome.Continue(new Step.Enter(frame, catcher.next(), output, next),
                        new Outcome.Handled(error, cause, index));
            }
        }
        return frameFailed(error, cause);
    }
}
