package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.durable.DurableExecutions;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.tasks.HttpAuth;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import dev.stepwise.tasks.TaskExecutor;
import dev.stepwise.tasks.mock.MockConfigFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executions through the durable path on a laptop — what {@code ./stepwise run} and
 * {@code ./stepwise test --durable} do: start the emulators (or use the given endpoints), create
 * the table and queues, then for each execution register its state machine, start it, drive it
 * with the poller until it ends, and report each event as its step commits. With a data
 * directory, dynalite keeps its tables there (and the S3 server its buckets) and executions left
 * RUNNING by an earlier, killed run are resumed first. {@link #inMemory} runs the same runtime
 * on the in-memory store and queue instead ({@code run --in-memory}): no emulator starts.
 */
public final class DurableRun implements AutoCloseable {

    /** Sees the execution's events as their steps commit: each state entered, and every event. */
    @FunctionalInterface
    public interface Progress {
        /** The event id, its type (PassStateEntered ...) and the state's name. */
        void stateEntered(long eventId, String eventType, String stateName);

        /** Every event, in the shape GetExecutionHistory gives it (payloads as JSON text). */
        default void event(JsonNode event) {
        }

        /** The emulators started for this run, before it starts: one {@code endpoint SERVICE URL} line each. */
        default void emulatorsStarted(List<String> endpointLines) {
        }

        Progress NONE = (id, type, name) -> { };
    }

    /**
     * {@code tasks} null: the task integrations, calling the emulators and the {@code endpoints}
     * given (lambda=, sns=, events=, ...), with {@code httpAuth} for HTTP Tasks. {@code mocks} and
     * {@code testCase}: run the execution with that test case of the mock configuration (both or neither).
     */
    public record Options(Map<String, URI> endpoints, Path dataDir, TaskExecutor tasks, RuntimeOptions runtime,
                          Duration timeout, MockConfigFile mocks, String testCase, HttpAuth httpAuth) {
        public static Options defaults() {
            return new Options(Map.of(), null, null, RuntimeOptions.defaults(), Duration.ofDays(366), null, null, HttpAuth.NONE);
        }

        public Options withHttpAuth(HttpAuth value) {
            return new Options(endpoints, dataDir, tasks, runtime, timeout, mocks, testCase, value);
        }

        public Options withEndpoints(Map<String, URI> value) {
            return new Options(value, dataDir, tasks, runtime, timeout, mocks, testCase, httpAuth);
        }

        public Options withDataDir(Path value) {
            return new Options(endpoints, value, tasks, runtime, timeout, mocks, testCase, httpAuth);
        }

        public Options withTasks(TaskExecutor value) {
            return new Options(endpoints, dataDir, value, runtime, timeout, mocks, testCase, httpAuth);
        }

        public Options withRuntime(RuntimeOptions value) {
            return new Options(endpoints, dataDir, tasks, value, timeout, mocks, testCase, httpAuth);
        }

        public Options withTimeout(Duration value) {
            return new Options(endpoints, dataDir, tasks, runtime, value, mocks, testCase, httpAuth);
        }

        public Options withMocks(MockConfigFile config, String testCaseName) {
            return new Options(endpoints, dataDir, tasks, runtime, timeout, config, testCaseName, httpAuth);
        }
    }

    /** {@code resumed}: the executions an earlier, killed run left RUNNING, run to their end by this one. */
    public record Result(String executionArn, ExecutionStatus status, JsonNode output, String error, String cause,
                         long statesEntered, List<Result> resumed) {
    }

    private final Options options;
    /** Null in memory. */
    private final Emulators emulators;
    private final DurableBackend backend;
    private final List<String> resumed;
    /** What each running execution reports to, by its ARN. */
    private final Map<String, Progress> watchers = new ConcurrentHashMap<>();

    private DurableRun(Options options, Emulators emulators, DurableBackend backend, List<String> resumed) {
        this.options = options;
        this.emulators = emulators;
        this.backend = backend;
        this.resumed = resumed;
        backend.runtime().listen(this::committed);
    }

    /** Starts the emulators in the background, at once: call {@link #open} with them when there is a machine to run. */
    public static Emulators launchEmulators(Options options) {
        Path dataDir = options.dataDir();
        return Emulators.launch(options.endpoints(), dataDir == null ? null : dataDir.resolve("dynamodb"),
                dataDir == null ? null : dataDir.resolve("s3"));
    }

    /**
     * The runtime on {@code emulators} (from {@link #launchEmulators}), which this takes over and
     * closes: its clients are built while the emulators come up, the table and queues as soon as
     * each answers. With a data directory, the executions left RUNNING are resumed.
     */
    public static DurableRun open(Options options, Emulators emulators) {
        try {
            LocalRuntime local = LocalRuntime.builder(emulators.endpoint(Emulators.DYNAMODB), emulators.endpoint(Emulators.SQS))
                    .ready(emulators.ready(Emulators.DYNAMODB), emulators.ready(Emulators.SQS)).queuesInBackground()
                    .options(options.runtime()).tasks(options.tasks()).mocks(options.mocks()).workers(4)
                    .integrations(IntegrationConfig.aws(options.runtime().region(), options.runtime().accountId())
                            .withEndpoints(emulators.endpoints()).withHttpAuth(options.httpAuth()))
                    .start();
            DurableRun run = new DurableRun(options, emulators, local,
                    options.dataDir() == null ? List.of() : local.runtime().store().headers().running());
            if (options.dataDir() != null) {
                local.runtime().resumeRunning();
            }
            return run;
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
    }

    /**
     * The same runtime in this process's memory ({@link MemoryApi}): nothing starts and nothing is
     * kept; Task states call the {@code endpoints} given (else AWS), or {@code tasks} when set. The
     * data directory does not apply; the time scale does (0: waits and back-offs pass at once).
     */
    public static DurableRun inMemory(Options options) {
        RuntimeOptions runtime = options.runtime();
        TaskExecutor tasks = options.tasks() != null ? options.tasks()
                : Integrations.create(IntegrationConfig.aws(runtime.region(), runtime.accountId())
                        .withEndpoints(options.endpoints()).withHttpAuth(options.httpAuth()));
        MemoryApi memory = MemoryApi.start(new ApiConfig(runtime.region(), runtime.accountId(), ApiConfig.defaults().tokenKey()),
                tasks, options.mocks(), runtime.timeScale(), Throwable::printStackTrace);
        return new DurableRun(options, null, memory, List.of());
    }

    /**
     * Runs {@code definition} (already validated by the caller's parser, or rejected here with
     * {@link dev.stepwise.asl.validate.InvalidDefinitionException}) to its end, then the
     * executions an earlier, killed run left RUNNING.
     */
    public static Result run(String machineName, String definition, JsonNode input, Options options, Progress progress)
            throws InterruptedException {
        try (DurableRun run = open(options, launchEmulators(options))) {
            progress.emulatorsStarted(run.emulators.endpointLines());
            Result result = run.execute(machineName, definition, input, options.testCase(), progress);
            return new Result(result.executionArn(), result.status(), result.output(), result.error(), result.cause(),
                    result.statesEntered(), run.awaitResumed());
        }
    }

    /** Waits for the executions an earlier, killed run left RUNNING (resumed by {@link #open}) to end. */
    public List<Result> awaitResumed() throws InterruptedException {
        List<Result> ended = new ArrayList<>();
        for (String arn : resumed) {
            ExecutionHeader other = backend.awaitEnd(arn, options.timeout());
            ended.add(new Result(arn, other.status(), other.output(), other.error(), other.cause(), 0, List.of()));
        }
        return ended;
    }

    /**
     * One execution of {@code definition} as the state machine {@code machineName} (created, or
     * replaced), with {@code testCase} of the mock configuration when not null.
     */
    public Result execute(String machineName, String definition, JsonNode input, String testCase, Progress progress)
            throws InterruptedException {
        String machineArn = backend.runtime().createStateMachine(machineName, definition,
                "arn:aws:iam::" + options.runtime().accountId() + ":role/stepwise-local");
        String name = UUID.randomUUID().toString();
        // The ARN startExecution makes: known before the start, so no event of it is missed.
        String executionArn = machineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        if (testCase != null) {
            // Selected before the start, so the first Task already runs mocked.
            backend.mocks().orElseThrow().select(executionArn, machineName, testCase);
        }
        Counted counted = new Counted(progress);
        watchers.put(executionArn, counted);
        try {
            backend.runtime().startExecution(machineArn, name, input);
            ExecutionHeader end = backend.awaitEnd(executionArn, options.timeout());
            return new Result(executionArn, end.status(), end.output(), end.error(), end.cause(), counted.entered(), List.of());
        } finally {
            watchers.remove(executionArn);
        }
    }

    /** The execution's whole history, each event as GetExecutionHistory gives it. */
    public List<StoredEvent> history(String executionArn) {
        ExecutionHeader header = backend.runtime().store().headers().header(executionArn).orElse(null);
        List<StoredEvent> events = new ArrayList<>();
        backend.runtime().store().steps().history(executionArn).forEach(event -> events.add(DurableExecutions.asApiEvent(event, header)));
        return events;
    }

    private void committed(String executionArn, ArrayNode events) {
        Progress progress = watchers.get(executionArn);
        if (progress == null) {
            return;
        }
        for (JsonNode event : events) {
            String type = event.get("type").asText();
            if (type.endsWith("StateEntered")) {
                progress.stateEntered(event.get("id").asLong(), type, event.path("stateEnteredEventDetails").path("name").asText());
            }
            progress.event(event);
            if (type.equals("ExecutionSucceeded") || type.equals("ExecutionFailed") || type.equals("ExecutionTimedOut")
                    || type.equals("ExecutionAborted")) {
                backend.executionEnded();
            }
        }
    }

    /** Counts the states entered, for the result. */
    private static final class Counted implements Progress {
        private final Progress progress;
        private long entered;

        Counted(Progress progress) {
            this.progress = progress;
        }

        @Override
        public synchronized void stateEntered(long eventId, String eventType, String stateName) {
            entered++;
            progress.stateEntered(eventId, eventType, stateName);
        }

        @Override
        public synchronized void event(JsonNode event) {
            progress.event(event);
        }

        synchronized long entered() {
            return entered;
        }
    }

    @Override
    public void close() {
        try {
            backend.close();
        } finally {
            if (emulators != null) {
                emulators.close();
            }
        }
    }
}
