package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.Step;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Revision;
import dev.stepwise.store.StartRecord;
import dev.stepwise.store.Store;
import dev.stepwise.tasks.TaskExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The durable runtime: ASL executions on a {@link Store} and a {@link StepQueue}, one state per
 * message. This class only routes; each job is a part named for it: {@link ExecutionStarts}
 * (the start protocol), {@link StepProcessor} (load, gate, decide, commit),
 * {@link TaskDispatch} and {@link AwaitedTasks} (Task states), {@link BranchJoins} (fan-out and
 * fan-in), {@link ExecutionEnds} (stop, timeout, poison), {@link Redrive}, {@link MapRuns},
 * {@link Activities}, {@link Recovery}, and {@link Machines} (definitions by revision).
 */
public final class DurableRuntime {
    private final RuntimeEnv env;
    private final List<StepListener> listeners = new CopyOnWriteArrayList<>();
    private final Machines machines;
    private final Activities activities;
    private final MapRuns mapRuns;
    private final MapRunCounts mapRunCounts;
    private final MapRunFeed mapRunFeed;
    private final ExecutionEnds ends;
    private final ExecutionStarts starts;
    private final AwaitedTasks awaited;
    private final StepProcessor processor;
    private final Recovery recovery;

    public DurableRuntime(Store store, StepQueue queue, TaskExecutor tasks, Clock clock, RuntimeOptions options) {
        this(store, queue, tasks, clock, options, null);
    }

    /**
     * @param children who starts the executions Task states start ({@code states:startExecution});
     *                 null: this runtime. Asked for at each start, so the API that wraps this runtime
     *                 can be the starter without a setter closing the loop.
     */
    public DurableRuntime(Store store, StepQueue queue, TaskExecutor tasks, Clock clock, RuntimeOptions options,
                          Supplier<ChildStarter> children) {
        // The engine decides what a task waits for; a mocked answer waits for nothing.
        this.env = new RuntimeEnv(store, queue, clock, options, new Engine(options.engine(), tasks::answersFinally),
                new Listeners(listeners));
        this.machines = new Machines(store.definitions());
        this.activities = new Activities(store, clock);
        this.mapRuns = new MapRuns(env, machines, (child, cause) -> stopExecution(child, null, cause));
        MapRunCounts counts = new MapRunCounts(env, mapRuns);
        this.mapRunCounts = counts;
        mapRuns.counts(counts);
        ParentNotices parents = new ParentNotices(env);
        parents.runs(counts);
        this.ends = new ExecutionEnds(env, parents, mapRuns);
        this.starts = new ExecutionStarts(env, machines, ends);
        this.awaited = new AwaitedTasks(env, activities, parents);
        Supplier<ChildStarter> starter = children != null ? children : () -> this::startChild;
        TaskDispatch dispatch = new TaskDispatch(env, machines, tasks, starter, activities, awaited, parents);
        MapRunFeed feed = new MapRunFeed(env, machines, mapRuns, counts, parents, new MapRunChildren(), tasks.itemReading());
        this.mapRunFeed = feed;
        BranchJoins joins = new BranchJoins(env, feed, new MapRunResults(env, mapRuns, tasks.resultWriting()));
        this.processor = new StepProcessor(env, machines, starts, ends, dispatch, awaited, joins, feed);
        this.recovery = new Recovery(env, starts);
    }

    /** Sees every chunk of history the runtime commits, from now on. */
    public void listen(StepListener listener) {
        listeners.add(listener);
    }

    public Store store() {
        return env.store();
    }

    public RuntimeOptions options() {
        return env.options();
    }

    /** Distributed Map runs: DescribeMapRun, ListMapRuns, UpdateMapRun. */
    public MapRuns mapRuns() {
        return mapRuns;
    }

    /** Activities and their workers' GetActivityTask. */
    public Activities activities() {
        return activities;
    }

    // ---- definitions --------------------------------------------------------------------------

    public String createStateMachine(String name, String definition, String roleArn) {
        return createStateMachine(name, definition, roleArn, "STANDARD");
    }

    /** {@code type} STANDARD (task attempts at most once) or EXPRESS (at least once, with an idempotency key). */
    public String createStateMachine(String name, String definition, String roleArn, String type) {
        String arn = "arn:aws:states:" + env.options().region() + ":" + env.options().accountId() + ":stateMachine:" + name;
        machines.register(arn, new Revision(name, definition, type, roleArn, env.clock().instant(), null));
        return arn;
    }

    /** Stores a revision under {@code arn}, as the one a start by that ARN alone runs when {@code current}; returns its key. */
    public String storeRevision(String arn, Revision revision, boolean current) {
        return current ? machines.register(arn, revision) : machines.store(arn, revision);
    }

    public Optional<Revision> revision(String arn, String key) {
        return env.store().definitions().get(arn, key);
    }

    // ---- executions ---------------------------------------------------------------------------

    /** A start request (see {@link ExecutionStarts#request}); {@code executionArn} null names the execution as AWS does. */
    public StartRecord startRequest(String executionArn, String stateMachineArn, String revision, String name, String input,
                                    Instant startDate, String listedUnder, JsonNode api) {
        return starts.request(executionArn, stateMachineArn, revision, name, input, startDate, listedUnder, api);
    }

    /** Starts it, or returns the start already recorded under its ARN, which is left as it is. */
    public StartRecord start(StartRecord start) {
        return starts.start(start);
    }

    /** Finishes a start that was cut short (idempotent): what a retried StartExecution does. */
    public void completeStart(StartRecord start) {
        starts.complete(start);
    }

    /**
     * Starts the machine's current revision as {@code name}; starting the same name again with
     * the same input completes a start that was interrupted and returns the same ARN.
     */
    public String startExecution(String stateMachineArn, String name, JsonNode input) {
        return start(null, stateMachineArn, name, Json.write(input), stateMachineArn);
    }

    private String start(String executionArn, String stateMachineArn, String name, String input, String listedUnder) {
        StartRecord request = starts.request(executionArn, stateMachineArn, null, name, input, env.clock().instant(), listedUnder, null);
        StartRecord found = starts.start(request);
        if (found != request && found.input().equals(request.input())) {
            starts.complete(found);
        }
        return found.executionArn();
    }

    private ChildStarter.Started startChild(String stateMachineArn, String name, String input) {
        try {
            Json.parse(input);
        } catch (RuntimeException e) {
            throw new ChildStarter.Rejected("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
        if (machines.current(stateMachineArn).isEmpty()) {
            throw new ChildStarter.Rejected("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
        }
        String arn = start(null, stateMachineArn, name, input, stateMachineArn);
        return new ChildStarter.Started(arn, env.store().headers().header(arn).map(ExecutionHeader::startDate)
                .orElse(env.clock().instant()));
    }

    /** How a Map Run's branches start and redrive their child executions: by this runtime, with the run's revision. */
    private final class MapRunChildren implements MapRunFeed.ChildRuns {
        @Override
        public void start(String mapRunArn, String name, String input) {
            DurableRuntime.this.start(MapRun.childArn(mapRunArn, name), mapRunArn, name, input, mapRunArn);
        }

        @Override
        public boolean redrive(String childArn, String clientToken) {
            try {
                redriveExecution(childArn, clientToken);
                return true;
            } catch (Redrive.NotRedrivable notRedrivable) {
                return false;
            }
        }
    }

    /** StopExecution: ABORTED at once; in-flight steps see it, write ExecutionAborted once and stop. */
    public boolean stopExecution(String executionArn, String error, String cause) {
        return ends.stop(executionArn, error, cause);
    }

    /** RedriveExecution: see {@link Redrive}. Empty when there is no such execution; throws {@link Redrive.NotRedrivable}. */
    public Optional<Redrive.Result> redriveExecution(String executionArn, String clientToken) {
        return new Redrive(env, mapRuns, mapRunCounts, mapRunFeed).run(executionArn, clientToken);
    }

    /** After a local runner was killed: see {@link Recovery}. */
    public int resumeRunning() {
        return recovery.resume();
    }

    /**
     * Processes one message. Returns normally when the message may be deleted; throws when it
     * must be redelivered. {@code receiveCount} is SQS's ApproximateReceiveCount.
     */
    public void process(StepMessage message, int receiveCount) {
        processor.process(message, receiveCount);
    }

    // ---- tasks that wait ----------------------------------------------------------------------

    /** SendTaskSuccess: the task's result is {@code output}. */
    public void sendTaskSuccess(String token, JsonNode output) {
        awaited.succeed(token, output);
    }

    /** SendTaskFailure: the task failed with {@code error} and {@code cause} (either may be null). */
    public void sendTaskFailure(String token, String error, String cause) {
        awaited.fail(token, error, cause);
    }

    /** SendTaskHeartbeat: the task's HeartbeatSeconds start again from now. */
    public void sendTaskHeartbeat(String token) {
        awaited.heartbeat(token);
    }

    /** The runtime's name for an execution the API calls {@code ...:express:...}. */
    public static String runtimeArn(String executionArn) {
        return executionArn.replaceFirst(":express:", ":execution:");
    }

    /** The listeners, as one. */
    private record Listeners(List<StepListener> all) implements StepListener {
        @Override
        public void committed(String executionArn, com.fasterxml.jackson.databind.node.ArrayNode events) {
            all.forEach(listener -> listener.committed(executionArn, events));
        }

        @Override
        public void stepStarting(String executionArn, Step step) {
            all.forEach(listener -> listener.stepStarting(executionArn, step));
        }
    }
}
