package dev.stepwise.api.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.DataFlow;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.ErrorMatcher;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.FailureTolerance;
import dev.stepwise.engine.Frame;
import dev.stepwise.engine.Isolation;
import dev.stepwise.engine.Outcome;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.StateVisit;
import dev.stepwise.engine.Step;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.engine.Variables;
import dev.stepwise.tasks.HttpExchange;
import dev.stepwise.tasks.TaskExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs the state under test once, the way TestState does: one attempt, whose end is the answer.
 * SUCCEEDED (with the target it moves to as nextState), CAUGHT_ERROR when a Catcher took its
 * error, RETRIABLE when a Retrier would retry it ("AWS answers RETRIABLE after the first failed
 * attempt", the retry decision in errorDetails), FAILED otherwise. A Wait does not wait. A Task
 * calls its resource through the runtime's task executor unless mocked; a mocked Map or Parallel
 * takes its result (or error) from the mock instead of running its branches.
 */
public final class IsolatedRun {
    /** TestExecutionStatus. */
    public enum Status { SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR }

    /**
     * The answer: {@code errorDetails} (retryIndex, retryBackoffIntervalSeconds, catchIndex) may be
     * empty; {@code http} is the HTTP Task's exchange, null when the state made none.
     */
    public record Result(Status status, JsonNode output, String error, String cause, String nextState,
                         ObjectNode errorDetails, Map<DataFlow.Stage, JsonNode> stages, HttpExchange http) {
    }

    /**
     * What the request gives: the input, variables and context of the state, the mock (or null),
     * stateConfiguration's retrierRetryCount and mapIterationFailureCount (or null), and the
     * data an ItemReader would have read (or null).
     */
    public record Setup(ExecutionInfo execution, JsonNode input, Variables variables, Mock mock, ObjectNode context,
                        int retrierRetryCount, Integer mapIterationFailureCount, JsonNode itemReaderData) {
    }

    /** A state's run takes at most a Wait, a task or its branches, and its ending: more is a defect. */
    private static final int MAX_STEPS = 8;

    private final Engine engine;
    private final TaskExecutor tasks;

    public IsolatedRun(Engine engine, TaskExecutor tasks) {
        this.engine = engine;
        this.tasks = tasks;
    }

    public Result run(StateUnderTest tested, Setup setup, Instant now, RandomGenerator random) {
        Map<DataFlow.Stage, JsonNode> stages = new EnumMap<>(DataFlow.Stage.class);
        AtomicReference<HttpExchange> http = new AtomicReference<>();
        Isolation isolation = new Isolation(stages::put, setup.context(), setup.itemReaderData(), setup.mock() != null);
        StateVisit visit = new StateVisit(tested.name(), setup.input(), 1, now, retryAttempts(tested, setup),
                setup.variables());
        Step step = new Step.Resume(Frame.ROOT, visit, new Resumption.RetryAttempt());
        String token = "TestState-" + UUID.randomUUID();
        for (int i = 0; i < MAX_STEPS; i++) {
            Outcome outcome = engine.step(tested.machine(), setup.execution(), step, now, 1, random, () -> token, isolation)
                    .outcome();
            if (outcome instanceof Outcome.Continue go) {
                Step.Enter next = (Step.Enter) go.next();
                Outcome.Handled caught = go.caught();
                return caught == null
                        ? new Result(Status.SUCCEEDED, next.input(), null, null, next.stateName(), Json.object(), stages, http.get())
                        : new Result(Status.CAUGHT_ERROR, next.input(), caught.error(), caught.cause(), next.stateName(),
                                Json.object().put("catchIndex", caught.index()), stages, http.get());
            }
            if (outcome instanceof Outcome.FrameSucceeded done) {
                return new Result(Status.SUCCEEDED, done.output(), null, null, null, Json.object(), stages, http.get());
            }
            if (outcome instanceof Outcome.FrameFailed failed) {
                return new Result(Status.FAILED, null, failed.error(), failed.cause(), null,
                        exhaustedRetrier(tested, failed.error()), stages, http.get());
            }
            if (outcome instanceof Outcome.Sleep sleep && sleep.retry() != null) {
                Outcome.Handled retry = sleep.retry();
                ObjectNode details = Json.object().put("retryBackoffIntervalSeconds",
                        Duration.between(now, sleep.until()).toSeconds()).put("retryIndex", retry.index());
                return new Result(Status.RETRIABLE, null, retry.error(), retry.cause(), null, details, stages, http.get());
            }
            if (outcome instanceof Outcome.Sleep sleep) {
                step = sleep.next();
            } else if (outcome instanceof Outcome.RunTask task) {
                step = task.then().with(task(task.request(), setup.mock(), http::set));
            } else if (outcome instanceof Outcome.FanOut fanOut) {
                step = fanOut.join().with(fanOut(fanOut, setup));
            }
        }
        throw new IllegalStateException("the state '" + tested.name() + "' did not end within " + MAX_STEPS + " steps");
    }

    private Resumption task(TaskRequest request, Mock mock, Consumer<HttpExchange> watcher) {
        if (mock == null) {
            return tasks.execute(request, UUID.randomUUID().toString(), watcher);
        }
        return mock.isError() ? new Resumption.TaskFailed(mock.error(), mock.cause()) : new Resumption.TaskSucceeded(mock.result());
    }

    /**
     * A mocked Map or Parallel: the mocked error, or the mocked result unless the iterations
     * stateConfiguration says failed are more than the Map tolerates. Recorded on AWS: a Map
     * without ToleratedFailureCount/Percentage is not failed by mapIterationFailureCount.
     */
    private static Resumption fanOut(Outcome.FanOut fanOut, Setup setup) {
        Mock mock = setup.mock();
        if (mock.isError()) {
            return new Resumption.BranchesFailed(mock.error(), mock.cause());
        }
        Integer failures = setup.mapIterationFailureCount();
        if (failures != null && fanOut.tolerance() != FailureTolerance.NONE
                && fanOut.tolerance().isExceeded(failures, fanOut.branches().size())) {
            return new Resumption.BranchesFailed(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD.aslName(),
                    FailureTolerance.EXCEEDED_CAUSE);
        }
        return new Resumption.BranchesMocked(mock.result());
    }

    /**
     * stateConfiguration.retrierRetryCount: "the number of retry attempts that have occurred for
     * the state's Retry that applies to the mocked error". With a mocked error that Retrier is
     * known; otherwise every Retrier is given that count.
     */
    private static List<Integer> retryAttempts(StateUnderTest tested, Setup setup) {
        JsonNode retriers = tested.definition().path("Retry");
        int applies = setup.mock() != null && setup.mock().isError() ? matchingRetrier(retriers, setup.mock().error()) : -1;
        List<Integer> attempts = new ArrayList<>(retriers.size());
        for (int i = 0; i < retriers.size(); i++) {
            attempts.add(applies < 0 || applies == i ? setup.retrierRetryCount() : 0);
        }
        return attempts;
    }

    /** Recorded on AWS: a state that fails once its Retrier has no attempts left names that Retrier. */
    private static ObjectNode exhaustedRetrier(StateUnderTest tested, String error) {
        int index = matchingRetrier(tested.definition().path("Retry"), error);
        return index < 0 ? Json.object() : Json.object().put("retryIndex", index);
    }

    private static int matchingRetrier(JsonNode retriers, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            List<String> names = new ArrayList<>();
            retriers.get(i).path("ErrorEquals").forEach(name -> names.add(name.asText()));
            if (ErrorMatcher.matches(names, error)) {
                return i;
            }
        }
        return -1;
    }
}
