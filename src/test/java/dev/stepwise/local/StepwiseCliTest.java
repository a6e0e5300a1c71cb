package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, stdout holds only the output JSON. */
class StepwiseCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return StepwiseCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    @Test
    void aSucceedingExecutionPrintsItsOutputAndExitsZero() throws IOException {
        String definition = file("ok.json", """
                {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hi {}', $.who)"}, "End": true}}}""");
        assertEquals(0, run("run", definition, "--input", "{\"who\": \"Ada\"}"));
        assertEquals("{\"greeting\":\"Hi Ada\"}", out.toString(StandardCharsets.UTF_8).trim());
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("PassStateEntered Hello"));
        // One line per embedded emulator, before the run starts (issue 17), so the AWS CLI can reach them.
        java.util.List<String> lines = log.lines().toList();
        java.util.List<String> endpoints = lines.stream().filter(l -> l.startsWith("endpoint ")).toList();
        assertEquals(java.util.List.of("dynamodb", "sqs", "s3"), endpoints.stream().map(l -> l.split(" ")[1]).toList(), log);
        endpoints.forEach(l -> assertTrue(l.matches("endpoint \\w+ http://127\\.0\\.0\\.1:\\d+"), l));
        assertTrue(lines.indexOf(endpoints.get(2)) < lines.indexOf(lines.stream().filter(l -> l.contains("Hello")).findFirst()
                .orElseThrow()), log);
    }

    @Test
    void inMemoryStartsNoEmulatorAndAnHoursWaitPassesAtOnce() throws IOException {
        String definition = file("wait.json", """
                {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3600, "End": true}}}""");
        long start = System.nanoTime();
        assertEquals(0, run("run", definition, "--in-memory", "--input", "{\"slept\": true}"));
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "an hour's wait passes at once (time scale 0)");
        assertEquals("{\"slept\":true}", out.toString(StandardCharsets.UTF_8).trim());
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("WaitStateEntered Nap") && log.contains("execution SUCCEEDED after 1 states"), log);
        assertTrue(log.lines().noneMatch(line -> line.startsWith("endpoint ")), log);
    }

    @Test
    void aBadEndpointOptionIsAUsageError() throws IOException {
        String definition = file("echo.json", "{\"StartAt\": \"E\", \"States\": {\"E\": {\"Type\": \"Pass\", \"End\": true}}}");
        assertEquals(2, run("run", definition, "--endpoint", "dynamodb"));
    }

    @Test
    void theInputCanComeFromAFile() throws IOException {
        String definition = file("echo.json", "{\"StartAt\": \"E\", \"States\": {\"E\": {\"Type\": \"Pass\", \"End\": true}}}");
        String input = file("input.json", "[1, 2, 3]");
        assertEquals(0, run("run", definition, "--input", "@" + input));
        assertEquals("[1,2,3]", out.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void aFailingExecutionExitsOneWithErrorAndCause() throws IOException {
        String definition = file("fail.json", """
                {"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Nope", "Cause": "on purpose"}}}""");
        assertEquals(1, run("run", definition));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.contains("error: Nope") && stderr.contains("cause: on purpose"), stderr);
    }

    @Test
    void anInvalidDefinitionExitsTwoWithItsDiagnostics() throws IOException {
        String definition = file("bad.json", """
                {"StartAt": "Missing", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""");
        assertEquals(2, run("run", definition));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("MISSING_TRANSITION_TARGET"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badInputJsonAndUnknownCommandsAreUsageErrors() throws IOException {
        String definition = file("echo.json", "{\"StartAt\": \"E\", \"States\": {\"E\": {\"Type\": \"Pass\", \"End\": true}}}");
        assertEquals(2, run("run", definition, "--input", "{not json"));
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("run"));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandAnswersHelpOnStdout() {
        for (String command : new String[] {"run", "test", "serve", "bench"}) {
            out.reset();
            assertEquals(0, run(command, "--help"), command);
            assertTrue(stdout().startsWith("usage: ./stepwise " + command), stdout());
            assertTrue(stdout().contains("-h, --help"), stdout());
        }
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("run DEFINITION.json") && stdout().contains("test PATH..."), stdout());
        assertEquals("", stderr());
    }

    @Test
    void versionNamesStepwiseAndJava() {
        assertEquals(0, run("--version"));
        assertTrue(stdout().startsWith("stepwise ") && stdout().contains("(Java " + Runtime.version() + ")"), stdout());
    }

    @Test
    void aMisspeltCommandGetsOneLineNamingTheClosestCommand() {
        assertEquals(2, run("rnu", "x.json"));
        assertEquals("stepwise: unknown command 'rnu' (did you mean 'run'?); commands: run, test, serve, bench (./stepwise --help)"
                + System.lineSeparator(), stderr());
        err.reset();
        assertEquals(2, run("--verison"));
        assertTrue(stderr().startsWith("stepwise: unknown option '--verison' (did you mean '--version'?)"), stderr());
    }

    @Test
    void aMisspeltOptionNamesTheClosestOptionOfItsCommand() throws IOException {
        String definition = file("echo.json", "{\"StartAt\": \"E\", \"States\": {\"E\": {\"Type\": \"Pass\", \"End\": true}}}");
        assertEquals(2, run("run", definition, "--imput", "{}"));
        assertEquals("stepwise: unknown option '--imput' for run (did you mean --input?); see ./stepwise run --help"
                + System.lineSeparator(), stderr());
    }

    @Test
    void aMissingFileIsOnePlainLine() {
        assertEquals(2, run("run", "nosuch.json", "--in-memory"));
        assertEquals("stepwise: cannot read nosuch.json: no such file" + System.lineSeparator(), stderr());
    }

    @Test
    void anEmulatorThatCannotStartIsOneLineNotAStackTrace() throws IOException {
        String definition = file("ok.json", """
                {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "End": true}}}""");
        String notADirectory = file("data", "a file where the data directory should be");
        assertEquals(1, run("run", definition, "--data-dir", notADirectory));
        String log = stderr();
        assertTrue(log.contains("stepwise: cannot keep the tables in " + Path.of(notADirectory, "dynamodb")), log);
        assertTrue(log.lines().noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception in thread")), log);
    }

    @Test
    void aJsonSyntaxErrorSaysWhereInOneLine() throws IOException {
        String definition = file("bad.json", "{\n  \"StartAt\": \"E\",\n  \"States\": {,}\n}\n");
        assertEquals(2, run("run", definition, "--in-memory"));
        assertTrue(stderr().startsWith("stepwise: " + definition + ":3:14: invalid JSON: Unexpected character (','"), stderr());
        assertEquals(1, stderr().lines().count(), stderr());
        err.reset();
        String echo = file("echo.json", "{\"StartAt\": \"E\", \"States\": {\"E\": {\"Type\": \"Pass\", \"End\": true}}}");
        assertEquals(2, run("run", echo, "--in-memory", "--input", "{\"a\": }"));
        assertTrue(stderr().startsWith("stepwise: --input:1:7: invalid JSON: "), stderr());
    }

    @Test
    void theOutputOnStdoutEndsWithANewline() throws IOException {
        String definition = file("echo.json", "{\"StartAt\": \"E\", \"States\": {\"E\": {\"Type\": \"Pass\", \"End\": true}}}");
        assertEquals(0, run("run", definition, "--in-memory", "--input", "[1]"));
        assertEquals("[1]" + System.lineSeparator(), stdout());
    }

    @Test
    void historyIsWrittenAsGetExecutionHistoryAnswersIt() throws IOException {
        String definition = file("hello.json", """
                {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": "hi", "End": true}}}""");
        for (String backend : new String[] {"in-memory", "durable"}) {
            Path history = dir.resolve(backend + "-history.json");
            int status = backend.equals("in-memory") ? run("run", definition, "--in-memory", "--history", history.toString())
                    : run("run", definition, "--history", history.toString());
            assertEquals(0, status, stderr());
            com.fasterxml.jackson.databind.JsonNode events = dev.stepwise.asl.Json.parse(Files.readString(history)).get("events");
            assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"),
                    events.findValuesAsText("type"), backend);
            // The API's shapes: epoch-second timestamps, payloads as JSON text with their details.
            assertTrue(events.get(0).get("timestamp").isNumber(), backend);
            assertEquals("{}", events.get(0).path("executionStartedEventDetails").path("input").asText(), backend);
            assertEquals("\"hi\"", events.get(3).path("executionSucceededEventDetails").path("output").asText(), backend);
            assertEquals(List.of(0L, 0L, 2L, 3L), events.findValues("previousEventId").stream().map(v -> v.asLong()).toList(),
                    backend);
        }
    }
}
