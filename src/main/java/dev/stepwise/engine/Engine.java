package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimitExceeded;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.jsonata.QueryEvaluationFailure;
import dev.stepwise.asl.model.Branch;
import dev.stepwise.asl.model.ChoiceState;
import dev.stepwise.asl.model.FailState;
import dev.stepwise.asl.model.MapState;
import dev.stepwise.asl.model.ParallelState;
import dev.stepwise.asl.model.PassState;
import dev.stepwise.asl.model.State;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.SucceedState;
import dev.stepwise.asl.model.TaskState;
import dev.stepwise.asl.model.WaitState;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The interpreter: evaluates ONE step of an execution and returns what it decided plus the
 * history events it produced. It does no I/O and reads no clock or random source of its own,
 * so the same step, time and random source always give the same result.
 */
public final class Engine {
    private static final Map<Class<? extends State>, StateRunner<?>> RUNNERS = Map.of(
            PassState.class, new PassRunner(),
            TaskState.class, new TaskRunner(),
            ChoiceState.class, new ChoiceRunner(),
            WaitState.class, new WaitRunner(),
            SucceedState.class, new SucceedRunner(),
            FailState.class, new FailRunner(),
            ParallelState.class, new ParallelRunner(),
            MapState.class, new MapRunner());

    private final EngineOptions options;
    private final Predicate<TaskRequest> mocked;

    public Engine(EngineOptions options) {
        this(options, request -> false);
    }

    /**
     * An engine whose runtime answers some tasks with a mock ({@code mocked} says which, as
     * TestState's mock or a mocked test case does): such a task waits for no token, child
     * execution or activity worker ({@link TaskWait#NONE}).
     */
    public Engine(EngineOptions options, Predicate<TaskRequest> mocked) {
        this.options = options;
        this.mocked = mocked;
    }

    public EngineOptions options() {
        return options;
    }

    /** The first step of an execution: the ExecutionStarted event and entering StartAt. */
    public StepResult start(StateMachine machine, ExecutionInfo execution) {
        return start(machine, execution, Variables.NONE);
    }

    /** A start with workflow variables already set, as TestState's {@code variables} gives them. */
    public StepResult start(StateMachine machine, ExecutionInfo execution, Variables variables) {
        Outcome next = new Outcome.Continue(new Step.Enter(Frame.ROOT, machine.root().startAt(), execution.input(), variables));
        return new StepResult(next, List.of(new HistoryEvent(EventType.ExecutionStarted,
                new EventDetails.ExecutionStarted(execution.input(), execution.roleArn()))), 1, StepResult.EventIdUse.NONE);
    }

    /**
     * RedriveExecution restarted the execution: ExecutionRedriven, {@code redriveCount} counting
     * this redrive. AWS: "Step Functions preserves the results and execution history of the
     * successful steps", so it follows the ended run's last event.
     */
    public static HistoryEvent redriven(int redriveCount) {
        return new HistoryEvent(EventType.ExecutionRedriven, new EventDetails.ExecutionRedriven(redriveCount));
    }

    /**
     * Evaluates one step. {@code firstEventId} is the id the runtime will give this step's first
     * event; causes that say "entered at the event id #N" refer to it. A runtime that reserves ids
     * after evaluating may pass a provisional id and take {@link StepResult#renumbered}.
     */
    public StepResult step(StateMachine machine, ExecutionInfo execution, Step step, Instant now, long firstEventId,
                           RandomGenerator random) {
        return step(machine, execution, step, now, firstEventId, random, null);
    }

    /**
     * A step whose callback or activity Task (if it enters one) hands out the token
     * {@code taskToken} gives, as {@code $$.Task.Token}. It is asked for only then, so steps of
     * other states draw no secret.
     */
    public StepResult step(StateMachine machine, ExecutionInfo execution, Step step, Instant now, long firstEventId,
                           RandomGenerator random, java.util.function.Supplier<String> taskToken) {
        return step(machine, execution, step, now, firstEventId, random, taskToken, null);
    }

    /**
     * A step of a state run on its own ({@code isolation}, TestState) rather than in an
     * execution; null is an execution's step.
     */
    public StepResult step(StateMachine machine, ExecutionInfo execution, Step step, Instant now, long firstEventId,
                           RandomGenerator random, java.util.function.Supplier<String> taskToken, Isolation isolation) {
        // One budget for everything the step evaluates: a poison step holds its thread one bound at most.
        return EvaluationBudget.within(options.evaluationLimits(),
                () -> evaluate(machine, execution, step, now, firstEventId, random, taskToken, isolation));
    }

    /**
     * The items of the Distributed Map that {@code join} resumes, for its runner, which reads a
     * Map Run's items page by page: each page is evaluated in {@link #withinBounds}, with the
     * random source of the step that reads it.
     */
    public MapItems mapItems(StateMachine machine, ExecutionInfo execution, Step.Resume join, Instant now, RandomGenerator random) {
        Branch branch = branchOf(machine, join.frame());
        State enclosing = enclosingOf(machine, join.frame());
        MapState state = (MapState) branch.state(join.visit().stateName());
        StepRun run = new StepRun(options, execution, join.frame(), branch, enclosing, now, random, 0, null, mocked, null);
        JsonNode input = state.jsonata() != null ? join.visit().input() : run.applyInputPath(state.paths(), join.visit());
        return new MapItems(state, run, join.visit(), input);
    }

    /** Runs {@code work} within the bounds one step's evaluations have ({@link EngineOptions#evaluationLimits}). */
    public <T> T withinBounds(java.util.function.Supplier<T> work) {
        return EvaluationBudget.within(options.evaluationLimits(), work);
    }

    private static Branch branchOf(StateMachine machine, Frame frame) {
        Branch branch = machine.root();
        for (Frame.Segment segment : frame.segments()) {
            branch = branchOf(branch.state(segment.stateName()), segment.index());
        }
        return branch;
    }

    private static State enclosingOf(StateMachine machine, Frame frame) {
        Branch branch = machine.root();
        State enclosing = null;
        for (Frame.Segment segment : frame.segments()) {
            enclosing = branch.state(segment.stateName());
            branch = branchOf(enclosing, segment.index());
        }
        return enclosing;
    }

    private StepResult evaluate(StateMachine machine, ExecutionInfo execution, Step step, Instant now, long firstEventId,
                                RandomGenerator random, java.util.function.Supplier<String> taskToken, Isolation isolation) {
        Branch branch = branchOf(machine, step.frame());
        State enclosing = enclosingOf(machine, step.frame());
        StepRun run = new StepRun(options, execution, step.frame(), branch, enclosing, now, random, firstEventId, taskToken,
                mocked, isolation);
        Outcome outcome;
        if (step instanceof Step.Enter enter) {
            outcome = enter(run, enter.stateName(), enter.input(), enter.variables());
        } else if (step instanceof Step.StartBranch start) {
            if (enclosing instanceof MapState) {
                run.emit(EventType.MapIterationStarted, new EventDetails.MapIteration(enclosing.name(), step.frame().last().index()));
            }
            outcome = enter(run, branch.startAt(), start.input(), start.variables());
        } else {
            Step.Resume resume = (Step.Resume) step;
            outcome = resume(run, branch.state(resume.visit().stateName()), resume.visit(), resume.resumption());
        }
        return StepResult.of(outcome, run.events(), firstEventId, run.enteredEventId(), run.quotesFirstEventId());
    }

    // ---- what a runtime records for a task once its step has been decided --------------------

    /**
     * A task that waits for a callback or a child execution ({@link TaskWait#submits()}) was
     * submitted: TaskStarted, then TaskSubmitted with the integration's {@code response} (the
     * call's result; StartExecution's response for a child). They follow the step's own events,
     * in the ids {@link StepResult#eventsToReserve()} counted for them.
     */
    public static List<HistoryEvent> taskSubmitted(Outcome.RunTask task, JsonNode response) {
        TaskResource resource = TaskResource.of(task.request().resource(), null);
        return List.of(new HistoryEvent(EventType.TaskStarted, new EventDetails.TaskStarted(resource.resourceType(), resource.resource())),
                new HistoryEvent(EventType.TaskSubmitted, new EventDetails.TaskSubmitted(resource.resourceType(), resource.resource(), response)));
    }

    /**
     * The result of an activity task whose activity does not exist: recorded on AWS, the state
     * fails with States.Runtime (not catchable by States.ALL), naming the activity.
     */
    public static Resumption activityDoesNotExist(Outcome.RunTask task) {
        StateVisit visit = task.then().visit();
        return new Resumption.TaskFailed(StatesError.RUNTIME.aslName(), Causes.atState(visit.stateName(), visit.enteredEventId(),
                Causes.activityDoesNotExist(task.request().resource())), Resumption.TaskStart.RECORDED);
    }

    /** The states a branch frame runs: a Parallel's branch {@code index} or a Map's item processor. */
    public static Branch branchOf(State state, int index) {
        if (state instanceof ParallelState parallel) {
            return parallel.branches().get(index);
        }
        if (state instanceof MapState map) {
            return map.processor();
        }
        throw new IllegalArgumentException("state '" + state.name() + "' is a " + state.type() + ", expected Parallel or Map");
    }

    private Outcome enter(StepRun run, String stateName, JsonNode input, Variables variables) {
        State state = run.branch.state(stateName);
        StateVisit visit = new StateVisit(stateName, input, run.entering(), run.now, List.of(), variables);
        run.emit(EventType.stateEntered(state.type()), new EventDetails.StateEntered(stateName, input));
        return resume(run, state, visit, new Resumption.RetryAttempt());
    }

    @SuppressWarnings("unchecked")
    private Outcome resume(StepRun run, State state, StateVisit visit, Resumption resumption) {
        StateRunner<State> runner = (StateRunner<State>) RUNNERS.get(state.getClass());
        try {
            return resumption instanceof Resumption.RetryAttempt
                    ? runner.attempt(state, run, visit)
                    : runner.resume(state, run, visit, resumption);
        } catch (StatesFailure failure) {
            // AWS's payload-quota cause names the state itself; a bound on evaluation says where it was passed.
            // A state tested on its own has no history, so TestState's causes name no event
            // (recorded: "Reference path \"$\" must point to array.").
            boolean quota = failure.error().equals(StatesError.DATA_LIMIT_EXCEEDED.aslName()) && !(failure instanceof EvaluationLimitExceeded);
            String cause = quota || run.isolation != null ? failure.cause() : run.atState(visit, failure.cause());
            if (failure instanceof QueryEvaluationFailure query) {
                // Recorded on AWS: a failed JSONata evaluation shows as EvaluationFailed first.
                run.emit(EventType.EvaluationFailed,
                        new EventDetails.EvaluationFailed(failure.error(), cause, query.location(), state.name()));
            }
            return run.recover(state, runner.errors(state), visit, failure.error(), cause);
        }
    }
}
