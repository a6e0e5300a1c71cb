package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.asl.validate.Diagnostic;
import dev.stepwise.asl.validate.InvalidDefinitionException;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.tasks.HttpAuth;
import dev.stepwise.tasks.awssdk.AwsSdkDefinitions;
import dev.stepwise.tasks.mock.InvalidMockConfigException;
import dev.stepwise.tasks.mock.MockConfigFile;
import dev.stepwise.tasks.mock.UnknownTestCaseException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code run DEFINITION.json [--input JSON|@FILE] [--history FILE] [--mock FILE --test-case NAME]
 * [--time-scale F] ...}: one execution, its output on stdout, what it does on stderr. The state
 * machine is named after the file (its name without {@code .json}), which is the name a mock
 * configuration's StateMachines must use. The emulators start first, in the background, so they
 * come up while the definition is read and checked; {@code --in-memory} starts none and runs the
 * same durable runtime on the in-memory store and queue ({@link DurableRun#inMemory}).
 */
final class RunCommand {
    static final CommandLine.Spec SPEC = new CommandLine.Spec("run", "DEFINITION.json",
            "run one execution; its output goes to stdout", """
            Runs one execution of the state machine in DEFINITION.json through the durable path:
            DynamoDB, SQS and S3 emulators (dynalite, ElasticMQ, S3Proxy) start, and the step worker runs one
            state per message until the execution ends; with --in-memory the same runtime keeps its
            table and queue in this process instead, and nothing starts. The output JSON goes to stdout; the states
            entered, errors and retries, progress on long runs and a summary go to stderr.
            Exit status: 0 succeeded, 1 failed, timed out or aborted (error and cause on stderr),
            2 invalid definition (every diagnostic on stderr) or usage.""", List.of(
            new CommandLine.Option("--input", "JSON|@FILE", "the execution's input (default {})"),
            new CommandLine.Option("--history", "FILE", "write the history there, as GetExecutionHistory returns it"),
            new CommandLine.Option("--in-memory", null, "the same runtime in this process: no emulators, waits pass at once"),
            new CommandLine.Option("--mock", "FILE", "a Step Functions Local mock configuration file ..."),
            new CommandLine.Option("--test-case", "NAME", "... and the test case of it to run (the machine is named after DEFINITION)"),
            new CommandLine.Option("--time-scale", "F", "wait F x the real time in Wait states and retries (0: at once; --in-memory's default)"),
            new CommandLine.Option("--data-dir", "DIR", "keep the tables and buckets there; first finish what a killed run left RUNNING"),
            new CommandLine.Option("--endpoint", "SERVICE=URL", "use that endpoint for dynamodb, sqs, s3, lambda, sns or events (repeatable)"),
            new CommandLine.Option("--http-auth", "[ARN=]HEADER:VALUE", "a header HTTP Tasks send (repeatable)")));

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        CommandLine.Parsed options = CommandLine.parse(SPEC, args);
        if (options.operands().isEmpty()) {
            throw new StepwiseCli.UsageException("run needs a DEFINITION.json (./stepwise run --help)");
        }
        if (options.operands().size() > 1) {
            throw new StepwiseCli.UsageException("run takes one DEFINITION.json; unexpected '" + options.operands().get(1) + "'");
        }
        String definitionFile = options.operands().get(0);
        boolean inMemory = options.has("--in-memory");
        String mockFile = options.value("--mock", null);
        String testCase = options.value("--test-case", null);
        // In memory, waits and back-offs pass at once unless a time scale is asked for.
        double timeScale = timeScale(options.value("--time-scale", inMemory ? "0" : "1"));
        if ((mockFile == null) != (testCase == null)) {
            throw new StepwiseCli.UsageException("--mock FILE and --test-case NAME go together");
        }
        if (inMemory && options.has("--data-dir")) {
            throw new StepwiseCli.UsageException("--in-memory keeps nothing on disk: drop --data-dir");
        }
        Path history = options.has("--history") ? writable(options.value("--history", null)) : null;
        HttpAuth auth;
        Map<String, URI> endpoints;
        try {
            auth = HttpAuth.parse(options.values("--http-auth"));
            endpoints = Emulators.parseEndpoints(options.values("--endpoint"));
        } catch (IllegalArgumentException e) {
            throw new StepwiseCli.UsageException(e.getMessage());
        }
        DurableRun.Options durable = DurableRun.Options.defaults()
                .withDataDir(options.has("--data-dir") ? Path.of(options.value("--data-dir", null)) : null)
                .withEndpoints(endpoints).withHttpAuth(auth).withRuntime(RuntimeOptions.defaults().withTimeScale(timeScale));
        // The emulators come up while the files are read and checked; the line saying so comes once they passed.
        Emulators emulators = inMemory ? null : DurableRun.launchEmulators(durable);
        try {
            MockConfigFile mocks = mockFile == null ? null : mocks(mockFile);
            String definition = CliFiles.read(definitionFile);
            JsonNode input = CliFiles.input(options.value("--input", "{}"), "--input");
            String machineName = machineName(definitionFile);
            StateMachine machine = parse(definition, definitionFile);
            if (machine == null) {
                return StepwiseCli.USAGE;
            }
            if (mocks != null && mocks.testCase(machineName, testCase).isEmpty()) {
                throw new StepwiseCli.UsageException(new UnknownTestCaseException(machineName, testCase).getMessage()
                        + " (" + mockFile + "; the machine is named after " + Path.of(definitionFile).getFileName() + ")");
            }
            RunTrace trace = RunTrace.onConsole(err);
            if (!inMemory) {
                Emulators.startingLine(endpoints).ifPresent(err::println);
                emulators.endpointLines().forEach(err::println);
            }
            if (inMemory) {
                // The same durable runtime as below, on the in-memory store and queue.
                try (DurableRun run = DurableRun.inMemory(durable.withMocks(mocks, testCase))) {
                    return durable(run, machineName, definition, input, testCase, trace, history);
                }
            }
            DurableRun run = DurableRun.open(durable.withMocks(mocks, testCase), emulators);
            emulators = null; // the run closes them
            try (run) {
                return durable(run, machineName, definition, input, testCase, trace, history);
            }
        } finally {
            if (emulators != null) {
                emulators.close();
            }
        }
    }

    /**
     * One execution through the durable path: on DynamoDB + SQS (emulated unless --endpoint says
     * otherwise), or in memory with --in-memory.
     */
    private int durable(DurableRun run, String machineName, String definition, JsonNode input, String testCase,
                        RunTrace trace, Path history) {
        DurableRun.Result result;
        List<DurableRun.Result> resumed;
        try {
            result = run.execute(machineName, definition, input, testCase, new DurableRun.Progress() {
                @Override
                public void stateEntered(long eventId, String eventType, String stateName) {
                    // shown from event(): the trace sees every event
                }

                @Override
                public void event(JsonNode event) {
                    trace.event(event);
                }
            });
            resumed = run.awaitResumed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("stepwise: interrupted");
            return StepwiseCli.FAILED;
        }
        for (DurableRun.Result other : resumed) {
            err.println("resumed " + other.executionArn() + ": " + other.status());
        }
        if (history != null) {
            HistoryFile.write(history, run.history(result.executionArn()));
        }
        return report(trace, result.status(), result.output(), result.error(), result.cause());
    }

    private int report(RunTrace trace, ExecutionStatus status, JsonNode output, String error, String cause) {
        trace.summary(status.name());
        if (status.isSuccessful()) {
            out.println(Json.write(output));
            return StepwiseCli.OK;
        }
        err.println("error: " + error);
        err.println("cause: " + cause);
        return StepwiseCli.FAILED;
    }

    /**
     * The definition, checked as CreateStateMachine checks it; null after printing why it is not
     * valid: a JSON syntax error as "FILE:LINE:COLUMN: invalid JSON: ...", else every diagnostic.
     */
    private StateMachine parse(String definition, String file) {
        CliFiles.json(definition, file); // a syntax error says where, in one line
        try {
            StateMachine machine = new StateMachineParser().parse(definition);
            List<Diagnostic> sdk = AwsSdkDefinitions.check(Json.parse(definition));
            if (!sdk.isEmpty()) {
                throw new InvalidDefinitionException(sdk);
            }
            return machine;
        } catch (InvalidDefinitionException e) {
            err.println("invalid definition " + file + ":");
            for (Diagnostic d : e.diagnostics()) {
                err.println("  " + d.severity() + " " + d.code() + " at "
                        + (d.location() == null || d.location().isEmpty() ? "/" : d.location()) + ": " + d.message());
            }
            return null;
        }
    }

    /** The state machine's name: the file's, without {@code .json}, in the characters a name may have. */
    static String machineName(String definitionFile) {
        return Path.of(definitionFile).getFileName().toString().replaceAll("\\.json$", "").replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** {@code --history FILE}: refused before the run when its directory does not exist. */
    private static Path writable(String file) {
        Path path = Path.of(file).toAbsolutePath();
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            throw new StepwiseCli.UsageException("cannot write " + file + ": no such directory " + path.getParent());
        }
        return Path.of(file);
    }

    /** {@code --time-scale F}: a number ≥ 0. */
    static double timeScale(String text) {
        try {
            double scale = Double.parseDouble(text);
            if (scale >= 0 && !Double.isInfinite(scale)) {
                return scale;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StepwiseCli.UsageException("--time-scale needs a number ≥ 0 (1 = real time, 0 = waits pass at once), not '"
                + text + "'");
    }

    /** Reads a mock configuration file; every rule it breaks becomes the usage error. */
    static MockConfigFile mocks(String file) {
        try {
            return MockConfigFile.parse(CliFiles.readJson(file));
        } catch (InvalidMockConfigException e) {
            throw new StepwiseCli.UsageException(file + ": " + String.join("; ", e.problems()));
        }
    }
}
