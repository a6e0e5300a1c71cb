package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.ApiServer;
import dev.stepwise.local.DurableApi;
import dev.stepwise.local.Emulators;
import dev.stepwise.local.TestEmulators;
import dev.stepwise.tasks.mock.MockConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * Step Functions Local's way of running a test case, with the real SfnClient against
 * {@code ./stepwise serve --mock examples/MockConfigFile.json} on the durable runtime: StartExecution
 * on {@code <state machine ARN>#<TestCase>} (the guide's "Step 3: Run mocked service integration tests").
 */
class MockedExecutionApiTest {
    private static final List<Throwable> BUGS = new ArrayList<>();
    private static DurableApi durable;
    private static ApiServer server;
    private static SfnClient sfn;
    private static String machineArn;

    @BeforeAll
    static void start() throws Exception {
        Emulators emulators = TestEmulators.get();
        String name = "mock-api-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        durable = DurableApi.start(ApiConfig.defaults(), emulators.endpoint(Emulators.DYNAMODB), emulators.endpoint(Emulators.SQS),
                name, name, (request, key) -> new Resumption.TaskFailed("States.TaskFailed", "the real " + request.resource()),
                false, MockConfigFile.read(Path.of("examples/MockConfigFile.json")), 0);
        server = ApiServer.start(new StepFunctionsApi(durable.context(),
                (request, key) -> new Resumption.TaskFailed("States.TaskFailed", "not used"), BUGS::add), 0);
        sfn = SfnClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        String definition = read("examples/LambdaSQSIntegration.json");
        machineArn = sfn.createStateMachine(b -> b.name("LambdaSQSIntegration").definition(definition)
                .roleArn("arn:aws:iam::123456789012:role/service-role/LambdaSQSIntegration")).stateMachineArn();
    }

    @AfterAll
    static void stop() {
        if (sfn != null) {
            sfn.close();
            server.close();
            durable.close();
        }
        assertEquals(List.of(), BUGS);
    }

    private static String read(String file) throws java.io.IOException {
        return Files.readString(Path.of(file));
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || System.nanoTime() > until) {
                return execution;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void startingOnTheArnWithATestCaseRunsTheMachineWithItsMockedResponses() throws Exception {
        StartExecutionResponse started = sfn.startExecution(b -> b.stateMachineArn(machineArn + "#HappyPath")
                .name("executionWithHappyPathMockedServices"));
        // The guide: the response is the same as a normal StartExecution's, the ARN the machine's own execution ARN.
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:executionWithHappyPathMockedServices",
                started.executionArn());
        DescribeExecutionResponse end = awaitEnd(started.executionArn());
        assertEquals(ExecutionStatus.SUCCEEDED, end.status());
        assertEquals(machineArn, end.stateMachineArn());
        assertEquals(Json.parse("{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\","
                + "\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}"), Json.parse(end.output()));
        List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn())).events();
        // The guide's history: SQSState's TaskSucceeded names the sqs resource and carries the mocked response.
        HistoryEvent sqs = events.stream().filter(e -> e.taskSucceededEventDetails() != null
                && "sqs".equals(e.taskSucceededEventDetails().resourceType())).findFirst().orElseThrow();
        assertEquals("sendMessage", sqs.taskSucceededEventDetails().resource());
        assertEquals(Json.parse(end.output()), Json.parse(sqs.taskSucceededEventDetails().output()));
    }

    @Test
    void theRetryPathGetsThroughItsThrownInvocations() throws Exception {
        String arn = sfn.startExecution(b -> b.stateMachineArn(machineArn + "#RetryPath")).executionArn();
        DescribeExecutionResponse end = awaitEnd(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, end.status());
        List<String> errors = new ArrayList<>();
        sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream().filter(e -> e.taskFailedEventDetails() != null)
                .forEach(e -> errors.add(e.taskFailedEventDetails().error() + ": " + e.taskFailedEventDetails().cause()));
        assertEquals(List.of("Lambda.ResourceNotReadyException: Lambda resource is not ready.",
                "Lambda.TimeoutException: Lambda timed out.", "Lambda.TimeoutException: Lambda timed out."), errors);
    }

    @Test
    void withoutATestCaseTheStatesCallTheRealIntegrations() throws Exception {
        String arn = sfn.startExecution(b -> b.stateMachineArn(machineArn)).executionArn();
        DescribeExecutionResponse end = awaitEnd(arn);
        assertEquals(ExecutionStatus.FAILED, end.status());
        assertEquals("the real arn:aws:states:::lambda:invoke", end.cause());
    }

    @Test
    void anUnknownTestCaseIsRefusedAsAnUnknownStateMachine() {
        StateMachineDoesNotExistException e = assertThrows(StateMachineDoesNotExistException.class,
                () -> sfn.startExecution(b -> b.stateMachineArn(machineArn + "#SadPath")));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("State Machine Does Not Exist: '" + machineArn + "#SadPath'"),
                e.awsErrorDetails().errorMessage());
        assertTrue(e.awsErrorDetails().errorMessage().contains("no test case 'SadPath'"), e.awsErrorDetails().errorMessage());
    }
}
