package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.asl.validate.Diagnostic;
import dev.stepwise.asl.validate.InvalidDefinitionException;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.InMemoryRunner;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.tasks.MockedTasks;
import dev.stepwise.tasks.mock.InMemoryMockLedger;
import dev.stepwise.tasks.mock.InvalidMockConfigException;
import dev.stepwise.tasks.mock.MockConfigFile;
import dev.stepwise.tasks.mock.UnknownTestCaseException;
import dev.stepwise.tasks.HttpAuth;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code run DEFINITION.json [--input JSON|@FILE] [--mock FILE --test-case NAME] [--time-scale F]}:
 * one execution, output on stdout. The state machine is named after the file (its name without
 * {@code .json}), which is the name a mock configuration's StateMachines must use.
 */
final class RunCommand {
    /** Past this many, progress shows every thousandth state only, so long loops stay readable. */
    private static final int PROGRESS_LINES = 200;

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        String definitionFile = null;
        String inputText = "{}";
        boolean inMemory = false;
        Path dataDir = null;
        List<String> endpoints = new ArrayList<>();
        String mockFile = null;
        String testCase = null;
        double timeScale = 1.0;
        List<String> httpAuth = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--mock")) {
                mockFile = value(args, ++i, "--mock needs a mock configuration FILE");
            } else if (args[i].equals("--test-case")) {
                testCase = value(args, ++i, "--test-case needs the NAME of a test case");
            } else if (args[i].equals("--time-scale")) {
                timeScale = timeScale(value(args, ++i, "--time-scale needs a factor"));
            } else if (args[i].equals("--input")) {
                inputText = value(args, ++i, "--input needs a JSON value or @FILE");
            } else if (args[i].equals("--endpoint")) {
                endpoints.add(value(args, ++i, "--endpoint needs SERVICE=URL"));
            } else if (args[i].equals("--http-auth")) {
                httpAuth.add(value(args, ++i, "--http-auth needs [CONNECTION_ARN=]HEADER:VALUE"));
            } else if (args[i].equals("--data-dir")) {
                dataDir = Path.of(value(args, ++i, "--data-dir needs a directory"));
            } else if (args[i].equals("--in-memory")) {
                inMemory = true;
            } else if (definitionFile == null && !args[i].startsWith("--")) {
                definitionFile = args[i];
            } else {
                throw new StepwiseCli.UsageException("unexpected argument '" + args[i] + "'");
            }
        }
        if (definitionFile == null) {
            throw new StepwiseCli.UsageException("run needs a DEFINITION.json");
        }
        if ((mockFile == null) != (testCase == null)) {
            throw new StepwiseCli.UsageException("--mock FILE and --test-case NAME go together");
        }
        if (inMemory && timeScale != 1.0) {
            throw new StepwiseCli.UsageException("--in-memory runs on a virtual clock already: drop --time-scale");
        }
        MockConfigFile mocks = mockFile == null ? null : mocks(mockFile);
        String definition = readFile(definitionFile);
        JsonNode input;
        try {
            input = Json.parse(inputText.startsWith("@") ? readFile(inputText.substring(1)) : inputText);
        } catch (IllegalArgumentException e) {
            throw new StepwiseCli.UsageException("the input is not valid JSON: " + e.getMessage());
        }
        StateMachine machine;
        try {
            machine = new StateMachineParser().parse(definition);
            java.util.List<Diagnostic> sdk = dev.stepwise.tasks.awssdk.AwsSdkDefinitions.check(Json.parse(definition));
            if (!sdk.isEmpty()) {
                throw new InvalidDefinitionException(sdk);
            }
        } catch (InvalidDefinitionException e) {
            err.println("invalid definition " + definitionFile + ":");
            for (Diagnostic d : e.diagnostics()) {
                err.println("  " + d.severity() + " " + d.code() + " at " + (d.location() == null || d.location().isEmpty() ? "/" : d.location())
                        + ": " + d.message());
            }
            return StepwiseCli.USAGE;
        }
        String machineName = Path.of(definitionFile).getFileName().toString().replaceAll("\\.json$", "")
                .replaceAll("[^A-Za-z0-9_-]", "-");
        HttpAuth auth;
        Map<String, URI> endpointMap;
        try {
            auth = HttpAuth.parse(httpAuth);
            endpointMap = Emulators.parseEndpoints(endpoints);
        } catch (IllegalArgumentException e) {
            throw new StepwiseCli.UsageException(e.getMessage());
        }
        if (mocks != null && mocks.testCase(machineName, testCase).isEmpty()) {
            throw new StepwiseCli.UsageException(new UnknownTestCaseException(machineName, testCase).getMessage()
                    + " (" + mockFile + "; the machine is named after " + Path.of(definitionFile).getFileName() + ")");
        }
        if (!inMemory) {
            DurableRun.Options options = DurableRun.Options.defaults().withDataDir(dataDir).withEndpoints(endpointMap)
                    .withHttpAuth(auth).withRuntime(RuntimeOptions.defaults().withTimeScale(timeScale)).withMocks(mocks, testCase);
            return durable(machineName, definition, input, options);
        }
        String name = UUID.randomUUID().toString();
        String machineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + machineName;
        ExecutionInfo execution = new ExecutionInfo("arn:aws:states:us-east-1:123456789012:execution:" + machineName + ":" + name,
                name, input, "arn:aws:iam::123456789012:role/stepwise-local", Instant.now(), 0, null, machineArn, machineName);
        long[] entered = {0};
        InMemoryRunner.HistorySink progress = (id, time, event) -> {
            if (event.details() instanceof EventDetails.StateEntered state) {
                entered[0]++;
                if (entered[0] <= PROGRESS_LINES || entered[0] % 1000 == 0) {
                    err.println("[" + entered[0] + "] " + event.type() + " " + state.name());
                }
            }
        };
        // No emulators in memory: the integrations call the --endpoint services, else AWS.
        Integrations integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoints(endpointMap).withHttpAuth(auth));
        InMemoryRunner.TaskExecutor tasks = request ->
                integrations.execute(request, execution.executionArn() + "/" + request.stateName() + "/" + request.attempt());
        if (mocks != null) {
            InMemoryRunner.TaskExecutor real = tasks;
            MockedTasks mocked = new MockedTasks(mocks, (request, key) -> real.execute(request), new InMemoryMockLedger());
            mocked.select(execution.executionArn(), machineName, testCase);
            tasks = request -> mocked.execute(request, UUID.randomUUID().toString()); // one call per attempt here
        }
        InMemoryRunner runner = new InMemoryRunner(new Engine(EngineOptions.defaults()), tasks, integrations.itemReading(),
                integrations.resultWriting(), integrations.config().region());
        InMemoryRunner.Result result = runner.run(machine, execution, progress, new SecureRandom());
        err.println("execution " + result.status() + " after " + result.statesEntered() + " states");
        if (result.status().isSuccessful()) {
            out.println(Json.write(result.output()));
            return StepwiseCli.OK;
        }
        err.println("error: " + result.error());
        err.println("cause: " + result.cause());
        return StepwiseCli.FAILED;
    }

    /** The default: one execution through the durable path (DynamoDB + SQS, emulated unless --endpoint says otherwise). */
    private int durable(String machineName, String definition, JsonNode input, DurableRun.Options options) {
        long[] shown = {0};
        DurableRun.Result result;
        try {
            result = DurableRun.run(machineName, definition, input, options, new DurableRun.Progress() {
                @Override
                public void stateEntered(long eventId, String type, String state) {
                    long n = ++shown[0];
                    if (n <= PROGRESS_LINES || n % 1000 == 0) {
                        err.println("[" + n + "] " + type + " " + state);
                    }
                }

                @Override
                public void emulatorsStarted(List<String> endpointLines) {
                    endpointLines.forEach(err::println);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("stepwise: interrupted");
            return StepwiseCli.FAILED;
        }
        for (DurableRun.Result resumed : result.resumed()) {
            err.println("resumed " + resumed.executionArn() + ": " + resumed.status());
        }
        err.println("execution " + result.status() + " after " + result.statesEntered() + " states");
        if (result.status().isSuccessful()) {
            out.println(Json.write(result.output()));
            return StepwiseCli.OK;
        }
        err.println("error: " + result.error());
        err.println("cause: " + result.cause());
        return StepwiseCli.FAILED;
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
            return MockConfigFile.read(Path.of(file));
        } catch (InvalidMockConfigException e) {
            throw new StepwiseCli.UsageException(file + ": " + String.join("; ", e.problems()));
        }
    }

    private static String value(String[] args, int i, String missing) {
        if (i >= args.length) {
            throw new StepwiseCli.UsageException(missing);
        }
        return args[i];
    }

    private static String readFile(String name) {
        try {
            return Files.readString(Path.of(name));
        } catch (IOException e) {
            throw new StepwiseCli.UsageException("cannot read " + name + ": " + e.getMessage());
        }
    }
}
