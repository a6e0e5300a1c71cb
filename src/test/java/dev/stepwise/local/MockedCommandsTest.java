package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** {@code run --mock FILE --test-case NAME}, {@code --time-scale}, and {@code serve} with SFN_MOCK_CONFIG. */
class MockedCommandsTest {
    static final String MACHINE = "examples/LambdaSQSIntegration.json";
    static final String MOCKS = "examples/MockConfigFile.json";
    static final String SQS_MOCK = "{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\","
            + "\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return StepwiseCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void runWithATestCaseGoesThroughTheDurablePathWithItsMockedResponses() {
        assertEquals(0, run("run", MACHINE, "--mock", MOCKS, "--test-case", "RetryPath", "--time-scale", "0"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(SQS_MOCK, stdout());
        String trace = err.toString(StandardCharsets.UTF_8);
        assertTrue(trace.contains("TaskStateEntered SQSState"), trace);
        // The mocked failures and the retries after them are in the trace, in order.
        assertTrue(trace.contains("""
                [1] TaskStateEntered LambdaState
                    TaskFailed Lambda.ResourceNotReadyException: Lambda resource is not ready.
                    retry after"""), trace);
        assertEquals(3, trace.lines().filter(l -> l.startsWith("    retry after ")).count(), trace);
    }

    @Test
    void runInMemoryMocksToo() {
        assertEquals(0, run("run", MACHINE, "--in-memory", "--mock", MOCKS, "--test-case", "HappyPath"));
        assertEquals(SQS_MOCK, stdout());
    }

    @Test
    void anUnknownTestCaseIsAUsageErrorThatNamesTheMachine() {
        assertEquals(2, run("run", MACHINE, "--in-memory", "--mock", MOCKS, "--test-case", "SadPath"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "the mock configuration defines no test case 'SadPath' for the state machine 'LambdaSQSIntegration'"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mockAndTestCaseGoTogetherAndTheTimeScaleIsANumber() {
        assertEquals(2, run("run", MACHINE, "--mock", MOCKS));
        assertEquals(2, run("run", MACHINE, "--test-case", "HappyPath"));
        assertEquals(2, run("run", MACHINE, "--time-scale", "fast"));
        assertEquals(2, run("run", MACHINE, "--time-scale", "-1"));
    }

    @Test
    void anInvalidMockFileIsAUsageErrorListingItsProblems(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"StateMachines\": {}, \"MockedResponses\": {\"R\": {\"x\": {\"Return\": 1}}}}");
        assertEquals(2, run("run", MACHINE, "--mock", bad.toString(), "--test-case", "T"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "MockedResponses.R.x: an invocation key is a number (\"0\") or an inclusive range (\"1-2\")"));
    }

    @Test
    void serveReadsTheMockConfigurationFromSfnMockConfig() throws Exception {
        ServeCommand serve = new ServeCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("SFN_MOCK_CONFIG", MOCKS));
        try (ApiServer server = serve.open(new String[] {"--port", "0", "--in-memory"});
             SfnClient sfn = SfnClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.builder().build()).build()) {
            String definition = Files.readString(Path.of(MACHINE));
            String machine = sfn.createStateMachine(b -> b.name("LambdaSQSIntegration").definition(definition)
                    .roleArn("arn:aws:iam::123456789012:role/r")).stateMachineArn();
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine + "#HappyPath")).executionArn();
            long until = System.nanoTime() + 10_000_000_000L;
            while (sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.RUNNING
                    && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertEquals(Json.parse(SQS_MOCK), Json.parse(sfn.describeExecution(b -> b.executionArn(execution)).output()));
        }
    }

    @Test
    void serveInMemoryTakesATimeScaleAsTheDurableRuntimeDoes() {
        ServeCommand serve = new ServeCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        // In memory it is the same runtime: waits and back-offs scale there too.
        serve.open(new String[] {"--port", "0", "--in-memory", "--time-scale", "0"}).close();
    }
}
