package dev.stepwise.local;

import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.asl.validate.InvalidDefinitionException;
import dev.stepwise.engine.InMemoryRunner;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.mock.MockConfigFile;
import dev.stepwise.tasks.mock.UnknownTestCaseException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code test [PATH...] [--durable] [--junit FILE]}: runs workflow test files (schemas/stepwise-test.schema.json),
 * each one execution checked against what it expects; a line per test, then "N passed, M
 * failed". In this process on the engine's virtual clock by default, through DynamoDB and SQS
 * on the emulators with {@code --durable} (waits and back-offs pass at once there too, unless
 * {@code --time-scale}). Exit status 0 when every test passed, 1 otherwise, 2 for a usage error.
 */
final class TestCommand {
    static final String SUFFIX = ".test.json";

    static final CommandLine.Spec SPEC = new CommandLine.Spec("test", "PATH...",
            "run workflow test files (*.test.json); exit 1 if one fails", """
            Runs each test file named, and every *.test.json under each directory named: an
            execution of the file's definition with its input (and a test case of a Step Functions
            Local mock configuration), checked against what the file expects (status, output,
            error, cause, the states entered in order). Prints a line per test and 'N passed,
            M failed'. Tests run in this process on a virtual clock, or with --durable through
            DynamoDB and SQS on the emulators. The format: schemas/stepwise-test.schema.json;
            examples: examples/tests/.""", List.of(
            new CommandLine.Option("--durable", null, "run through DynamoDB + SQS on the emulators"),
            new CommandLine.Option("--junit", "FILE", "also write a JUnit XML report there, for CI"),
            new CommandLine.Option("--time-scale", "F", "with --durable: wait F x the real time (default 0: at once)"),
            new CommandLine.Option("--timeout", "SECONDS", "with --durable: fail a test still running after this (default 60)")));

    /** How one test went: its differences from what it expects, or why it could not run. */
    record Outcome(String file, String name, List<String> problems, double seconds) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    TestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        CommandLine.Parsed options = CommandLine.parse(SPEC, args);
        if (options.operands().isEmpty()) {
            throw new StepwiseCli.UsageException("test needs test files or directories of them (*" + SUFFIX
                    + "), e.g. ./stepwise test examples/tests");
        }
        boolean durable = options.has("--durable");
        if (!durable && (options.has("--time-scale") || options.has("--timeout"))) {
            throw new StepwiseCli.UsageException("--time-scale and --timeout apply to --durable: tests in this process run on a virtual clock");
        }
        double timeScale = RunCommand.timeScale(options.value("--time-scale", "0"));
        Duration timeout = Duration.ofSeconds(seconds(options.value("--timeout", "60")));
        List<Path> files = files(options.operands());
        List<Outcome> outcomes = durable ? durable(files, timeScale, timeout) : inProcess(files);
        long passed = outcomes.stream().filter(Outcome::passed).count();
        out.println(passed + " passed, " + (outcomes.size() - passed) + " failed");
        if (options.has("--junit")) {
            JUnitReport.write(Path.of(options.value("--junit", null)), outcomes);
        }
        return passed == outcomes.size() ? StepwiseCli.OK : StepwiseCli.FAILED;
    }

    /** A test file read, or why it cannot run. */
    private record Loaded(Path file, WorkflowTest test, String problem) {
        static Loaded read(Path file) {
            try {
                return new Loaded(file, WorkflowTest.read(file), null);
            } catch (WorkflowTest.Invalid | StepwiseCli.UsageException e) {
                return new Loaded(file, null, e.getMessage());
            }
        }
    }

    private List<Outcome> inProcess(List<Path> files) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files) {
            long start = System.nanoTime();
            Loaded loaded = Loaded.read(file);
            List<String> problems;
            try {
                problems = loaded.problem() != null ? List.of(loaded.problem()) : inProcess(loaded.test());
            } catch (StepwiseCli.UsageException | InvalidDefinitionException e) {
                problems = List.of(e.getMessage());
            }
            outcomes.add(report(loaded, problems, start));
        }
        return outcomes;
    }

    private static List<String> inProcess(WorkflowTest test) {
        StateMachine machine = definition(test);
        MockConfigFile mocks = test.mockConfig() == null ? null : RunCommand.mocks(test.mockConfig().toString());
        List<String> states = new ArrayList<>();
        InMemoryRunner.Result result = InMemoryRun.run(machine, test.stateMachineName(), test.input(), mocks, test.testCase(),
                IntegrationConfig.aws(InMemoryRun.REGION, InMemoryRun.ACCOUNT), event -> {
                    if (event.event().details() instanceof EventDetails.StateEntered entered) {
                        states.add(entered.name());
                    }
                });
        return test.expect().differences(result.status().name(), result.output(), result.error(), result.cause(), states);
    }

    /**
     * Through the durable path: the runtime takes one mock configuration, so the emulators run
     * once for each one the tests name; tests without one run with the first.
     */
    private List<Outcome> durable(List<Path> files, double timeScale, Duration timeout) {
        Map<Path, Outcome> outcomes = new LinkedHashMap<>();
        Map<Path, List<Loaded>> byMocks = new LinkedHashMap<>();
        List<Loaded> withoutMocks = new ArrayList<>();
        for (Path file : files) {
            Loaded loaded = Loaded.read(file);
            if (loaded.problem() != null) {
                outcomes.put(file, report(loaded, List.of(loaded.problem()), System.nanoTime()));
            } else if (loaded.test().mockConfig() == null) {
                withoutMocks.add(loaded);
            } else {
                byMocks.computeIfAbsent(loaded.test().mockConfig(), m -> new ArrayList<>()).add(loaded);
            }
        }
        if (byMocks.isEmpty()) {
            byMocks.put(null, withoutMocks);
        } else {
            byMocks.values().iterator().next().addAll(withoutMocks);
        }
        for (Map.Entry<Path, List<Loaded>> group : byMocks.entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            MockConfigFile mocks;
            try {
                mocks = group.getKey() == null ? null : RunCommand.mocks(group.getKey().toString());
            } catch (StepwiseCli.UsageException e) {
                group.getValue().forEach(loaded -> outcomes.put(loaded.file(), report(loaded, List.of(e.getMessage()), System.nanoTime())));
                continue;
            }
            Emulators.startingLine(Map.of()).ifPresent(err::println);
            DurableRun.Options options = DurableRun.Options.defaults().withMocks(mocks, null).withTimeout(timeout)
                    .withRuntime(RuntimeOptions.defaults().withTimeScale(timeScale));
            try (DurableRun run = DurableRun.open(options, DurableRun.launchEmulators(options))) {
                for (Loaded loaded : group.getValue()) {
                    long start = System.nanoTime();
                    outcomes.put(loaded.file(), report(loaded, durable(run, loaded.test(), mocks), start));
                }
            }
        }
        return files.stream().map(outcomes::get).filter(Objects::nonNull).toList();
    }

    private static List<String> durable(DurableRun run, WorkflowTest test, MockConfigFile mocks) {
        try {
            definition(test);
            if (test.testCase() != null && mocks.testCase(test.stateMachineName(), test.testCase()).isEmpty()) {
                return List.of(new UnknownTestCaseException(test.stateMachineName(), test.testCase()).getMessage());
            }
            List<String> states = Collections.synchronizedList(new ArrayList<>());
            DurableRun.Result result = run.execute(test.stateMachineName(), CliFiles.read(test.definition().toString()),
                    test.input(), test.testCase(), (id, type, name) -> states.add(name));
            return test.expect().differences(result.status().name(), result.output(), result.error(), result.cause(), states);
        } catch (StepwiseCli.UsageException | InvalidDefinitionException | IllegalStateException e) {
            return List.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
    }

    /** The test's definition, parsed and validated; an invalid one fails the test with its diagnostics. */
    private static StateMachine definition(WorkflowTest test) {
        String text = CliFiles.read(test.definition().toString());
        CliFiles.json(text, test.definition().toString());
        return new StateMachineParser().parse(text);
    }

    private Outcome report(Loaded loaded, List<String> problems, long start) {
        Outcome outcome = new Outcome(loaded.file().toString(),
                loaded.test() == null ? loaded.file().getFileName().toString() : loaded.test().name(), problems,
                (System.nanoTime() - start) / 1e9);
        out.printf(java.util.Locale.ROOT, "%s %s (%s, %.2f s)%n", outcome.passed() ? "ok  " : "FAIL", outcome.name(), outcome.file(), outcome.seconds());
        for (String problem : problems) {
            out.println("       " + problem);
        }
        return outcome;
    }

    /** The files named, and the *.test.json files under the directories named, each directory's in name order. */
    private static List<Path> files(List<String> operands) {
        List<Path> files = new ArrayList<>();
        for (String operand : operands) {
            Path path = Path.of(operand);
            if (Files.isDirectory(path)) {
                try (Stream<Path> found = Files.walk(path)) {
                    List<Path> tests = found.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                            .sorted().toList();
                    if (tests.isEmpty()) {
                        throw new StepwiseCli.UsageException("no test files (*" + SUFFIX + ") under " + operand);
                    }
                    files.addAll(tests);
                } catch (IOException | UncheckedIOException e) {
                    throw new StepwiseCli.UsageException("cannot read " + operand + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new StepwiseCli.UsageException("cannot read " + operand + ": no such file or directory");
            }
        }
        return files;
    }

    private static long seconds(String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StepwiseCli.UsageException("--timeout needs a whole number of seconds > 0, not '" + text + "'");
    }
}
