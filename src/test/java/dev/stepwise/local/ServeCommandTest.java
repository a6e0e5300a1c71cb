package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

class ServeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ServeCommand command() {
        return new ServeCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheListeningLineAndServesTheSdk() {
        try (ApiServer server = command().open(new String[] {"--port", "0", "--region", "eu-west-1", "--account", "111122223333"})) {
            assertEquals("listening on http://127.0.0.1:" + server.port() + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
            // Printed before the listening line (issue 17): one per embedded emulator.
            java.util.List<String> endpoints = err.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("endpoint ")).toList();
            assertEquals(java.util.List.of("dynamodb", "sqs", "s3"), endpoints.stream().map(l -> l.split(" ")[1]).toList());
            endpoints.forEach(l -> org.junit.jupiter.api.Assertions.assertTrue(
                    l.matches("endpoint \\w+ http://127\\.0\\.0\\.1:\\d+"), l));
            try (SfnClient sfn = SfnClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.builder().build())
                    .build()) {
                String arn = sfn.createStateMachine(b -> b.name("served").roleArn("arn:aws:iam::111122223333:role/r")
                        .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                        .stateMachineArn();
                assertEquals("arn:aws:states:eu-west-1:111122223333:stateMachine:served", arn);
            }
        }
    }

    @Test
    void machinesAndExecutionsOutliveTheServerInItsTable() throws InterruptedException {
        Emulators emulators = TestEmulators.get();
        String[] args = {"--port", "0", "--endpoint", "dynamodb=" + emulators.endpoint(Emulators.DYNAMODB),
                "--endpoint", "sqs=" + emulators.endpoint(Emulators.SQS)};
        String name = "outlives-" + System.nanoTime();
        String machine;
        String execution;
        try (ApiServer server = command().open(args); SfnClient sfn = client(server)) {
            machine = sfn.createStateMachine(b -> b.name(name).roleArn("arn:aws:iam::123456789012:role/r")
                    .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                    .stateMachineArn();
            execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("kept").input("{\"k\": 1}")).executionArn();
            long until = System.nanoTime() + 10_000_000_000L;
            while (sfn.describeExecution(b -> b.executionArn(execution)).status() == ExecutionStatus.RUNNING
                    && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        }
        try (ApiServer server = command().open(args); SfnClient sfn = client(server)) {
            assertEquals(name, sfn.describeStateMachine(b -> b.stateMachineArn(machine)).name());
            DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(execution));
            assertEquals(ExecutionStatus.SUCCEEDED, described.status());
            assertEquals("{\"k\":1}", described.output());
            assertEquals(List.of("kept"), sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().stream()
                    .map(e -> e.name()).toList());
        }
    }

    @Test
    void inMemoryTakesNoEndpointOrDataDirectory() {
        assertThrows(StepwiseCli.UsageException.class, () -> command().open(new String[] {"--in-memory", "--data-dir", "x"}));
        assertThrows(StepwiseCli.UsageException.class,
                () -> command().open(new String[] {"--in-memory", "--endpoint", "sqs=http://127.0.0.1:1"}));
        assertThrows(StepwiseCli.UsageException.class, () -> command().open(new String[] {"--endpoint", "nonsense"}));
    }

    private static SfnClient client(ApiServer server) {
        return SfnClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build()).build();
    }

    @Test
    void theDefaultPortIs8083() {
        assertEquals(8083, ServeCommand.DEFAULT_PORT);
    }

    @Test
    void aBadPortIsAUsageError() {
        StepwiseCli.UsageException e = assertThrows(StepwiseCli.UsageException.class,
                () -> command().open(new String[] {"--port", "eighty"}));
        assertTrue(e.getMessage().contains("--port"), e.getMessage());
        assertThrows(StepwiseCli.UsageException.class, () -> command().open(new String[] {"--port"}));
        assertThrows(StepwiseCli.UsageException.class, () -> command().open(new String[] {"--verbose"}));
    }
}
