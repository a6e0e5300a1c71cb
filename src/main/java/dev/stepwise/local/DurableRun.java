package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.tasks.HttpAuth;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.TaskExecutor;
import dev.stepwise.tasks.mock.MockConfigFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * One execution through the durable path on a laptop — what {@code ./stepwise run} does: start
 * the emulators (or use the given endpoints), create the table and queues, register the state
 * machine, start the execution, drive it with the poller until it ends, and report each state
 * entered as its step commits. With a data directory, dynalite keeps its tables there (and the S3
 * server its buckets) and
 * executions left RUNNING by an earlier, killed run are resumed first.
 */
public final class DurableRun {

    /** Sees each state entered, in commit order: the event id, its type (PassStateEntered ...) and the state's name. */
    @FunctionalInterface
    public interface Progress {
        void stateEntered(long eventId, String eventType, String stateName);

        /** The emulators started for this run, before it starts: one {@code endpoint SERVICE URL} line each. */
        default void emulatorsStarted(java.util.List<String> endpointLines) {
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

        public Options withMocks(MockConfigFile config, String testCaseName) {
            return new Options(endpoints, dataDir, tasks, runtime, timeout, config, testCaseName, httpAuth);
        }
    }

    /** {@code resumed}: the executions an earlier, killed run left RUNNING, run to their end by this one. */
    public record Result(String executionArn, ExecutionStatus status, JsonNode output, String error, String cause,
                         long statesEntered, java.util.List<Result> resumed) {
    }

    private DurableRun() {
    }

    /**
     * Runs {@code definition} (already validated by the caller's parser, or rejected here with
     * {@link dev.stepwise.asl.validate.InvalidDefinitionException}) to its end.
     */
    public static Result run(String machineName, String definition, JsonNode input, Options options, Progress progress)
            throws InterruptedException {
        Path dynaliteDir = options.dataDir() == null ? null : options.dataDir().resolve("dynamodb");
        Path s3Dir = options.dataDir() == null ? null : options.dataDir().resolve("s3");
        try (Emulators emulators = Emulators.start(options.endpoints(), dynaliteDir, s3Dir);
             LocalRuntime local = LocalRuntime.builder(emulators.endpoint(Emulators.DYNAMODB), emulators.endpoint(Emulators.SQS))
                     .options(options.runtime()).tasks(options.tasks()).mocks(options.mocks()).workers(4)
                     .integrations(IntegrationConfig.aws(options.runtime().region(), options.runtime().accountId())
                             .withEndpoints(emulators.endpoints()).withHttpAuth(options.httpAuth()))
                     .start()) {
            progress.emulatorsStarted(emulators.endpointLines());
            long[] entered = {0};
            local.runtime().listen((execution, events) -> {
                for (JsonNode event : events) {
                    String type = event.get("type").asText();
                    if (type.endsWith("StateEntered")) {
                        synchronized (entered) {
                            entered[0]++;
                        }
                        progress.stateEntered(event.get("id").asLong(), type,
                                event.path("stateEnteredEventDetails").path("name").asText());
                    }
                }
            });
            java.util.List<String> resumed = java.util.List.of();
            if (options.dataDir() != null) {
                resumed = local.runtime().store().headers().running();
                local.runtime().resumeRunning();
            }
            String machineArn = local.runtime().createStateMachine(machineName, definition,
                    "arn:aws:iam::" + options.runtime().accountId() + ":role/stepwise-local");
            String name = UUID.randomUUID().toString();
            if (options.testCase() != null) {
                // Selected before the start, so the first Task already runs mocked (the ARN is the one startExecution makes).
                String executionArn = machineArn.replace(":stateMachine:", ":execution:") + ":" + name;
                local.mocks().orElseThrow().select(executionArn, machineName, options.testCase());
            }
            String executionArn = local.runtime().startExecution(machineArn, name, input);
            ExecutionHeader end = local.awaitEnd(executionArn, options.timeout());
            long count;
            synchronized (entered) {
                count = entered[0];
            }
            java.util.List<Result> others = new java.util.ArrayList<>();
            for (String arn : resumed) {
                ExecutionHeader other = local.awaitEnd(arn, options.timeout());
                others.add(new Result(arn, other.status(), other.output(), other.error(), other.cause(), 0, java.util.List.of()));
            }
            return new Result(executionArn, end.status(), end.output(), end.error(), end.cause(), count, others);
        }
    }
}
