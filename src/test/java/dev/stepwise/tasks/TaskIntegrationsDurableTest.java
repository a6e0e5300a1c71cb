package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.local.Emulators;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Workflows with Task states through the durable path (DynamoDB + SQS emulators, the step poller)
 * with the runtime's default executor, the integrations: a Lambda Task retried and caught on a
 * function error against an in-test Lambda, and an SQS Task reaching the runtime's own ElasticMQ.
 */
class TaskIntegrationsDurableTest {
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:";
    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
    private static FakeService lambda;
    private static LocalRuntime local;

    @BeforeAll
    static void start() throws Exception {
        lambda = new FakeService(TaskIntegrationsDurableTest::function);
        Emulators emulators = TaskEmulators.get();
        local = LocalRuntime.builder(emulators.endpoint(Emulators.DYNAMODB), emulators.endpoint(Emulators.SQS))
                .queue("integrations-" + ProcessHandle.current().pid())
                .integrations(IntegrationConfig.aws("us-east-1", "123456789012").withEndpoints(emulators.endpoints())
                        .withEndpoint(IntegrationConfig.LAMBDA, lambda.uri()))
                .start();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
        lambda.close();
    }

    /** "flaky" declines an order's first charge and accepts the next; "declines" always declines. */
    static FakeService.Reply function(FakeService.Received request) {
        if (request.uri().getPath().contains("slow")) {
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeService.Reply.json(200, "{\"late\":true}");
        }
        JsonNode input = Json.parse(request.body());
        boolean decline = request.uri().getPath().contains("declines") || FAILED_ONCE.add(input.path("order").asText());
        if (decline) {
            return new FakeService.Reply(200, Map.of("Content-Type", "application/json", "X-Amz-Function-Error", "Unhandled"),
                    "{\"errorMessage\":\"card declined\",\"errorType\":\"PaymentDeclined\"}");
        }
        return FakeService.Reply.json(200, "{\"charged\":" + input.path("amount").asInt() + "}");
    }

    private static ExecutionHeader run(String definition, String input) throws InterruptedException {
        String machine = local.runtime().createStateMachine("m" + System.nanoTime(), definition,
                "arn:aws:iam::123456789012:role/test");
        String arn = local.runtime().startExecution(machine, "e" + System.nanoTime(), Json.parse(input));
        return local.awaitEnd(arn, Duration.ofSeconds(60));
    }

    private static List<JsonNode> history(ExecutionHeader end) {
        List<JsonNode> events = new ArrayList<>();
        local.runtime().store().steps().history(end.executionArn()).forEach(events::add);
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    static final String CHARGE = """
            {"StartAt":"Charge","States":{
              "Charge":{"Type":"Task","Resource":"%s","ResultPath":"$.charge","End":true,
                "Retry":[{"ErrorEquals":["PaymentDeclined"],"IntervalSeconds":1,"MaxAttempts":1}],
                "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Declined"}]},
              "Declined":{"Type":"Pass","End":true}}}""";

    @Test
    void aFunctionErrorIsRetriedAndTheRetrySucceeds() throws Exception {
        ExecutionHeader end = run(CHARGE.formatted(FUNCTION + "flaky"), "{\"order\":\"o-" + System.nanoTime() + "\",\"amount\":42}");
        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
        assertEquals(42, end.output().at("/charge/charged").asInt());
        List<JsonNode> events = history(end);
        // A Lambda function Task's events, as AWS names them: Scheduled/Started/Failed per attempt, then Succeeded.
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionFailed", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
                "TaskStateExited", "ExecutionSucceeded"), types(events));
        JsonNode failed = events.get(4).get("lambdaFunctionFailedEventDetails");
        assertEquals("PaymentDeclined", failed.get("error").asText());
        assertEquals("{\"errorMessage\":\"card declined\",\"errorType\":\"PaymentDeclined\"}", failed.get("cause").asText());
    }

    @Test
    void aFunctionErrorLeftAfterTheRetriesIsCaughtWithItsErrorAndCause() throws Exception {
        ExecutionHeader end = run(CHARGE.formatted(FUNCTION + "declines"), "{\"order\":\"d\",\"amount\":1}");
        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
        assertEquals(Json.parse("{\"Error\":\"PaymentDeclined\",\"Cause\":"
                + "\"{\\\"errorMessage\\\":\\\"card declined\\\",\\\"errorType\\\":\\\"PaymentDeclined\\\"}\"}"), end.output().get("error"));
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionFailed", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
                "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), types(history(end)));
    }

    /**
     * A request-response call slower than the state's TimeoutSecondsPath is abandoned at the
     * deadline: TaskTimedOut with States.Timeout and no cause (recorded on AWS:
     * timeouts/test_timeouts test_fixed_timeout_service_lambda), which a Catch sees.
     */
    @Test
    void aSlowLambdaInvokeTimesOutWithStatesTimeoutAndIsCaught() throws Exception {
        ExecutionHeader end = run("""
                {"StartAt":"Call","States":{
                  "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":"$.limit",
                    "Parameters":{"FunctionName":"slow","Payload.$":"$"},
                    "Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.error","Next":"TimedOut"}],"End":true},
                  "TimedOut":{"Type":"Pass","End":true}}}""", "{\"limit\":1}");
        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
        assertEquals("States.Timeout", end.output().at("/error/Error").asText());
        List<JsonNode> events = history(end);
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskTimedOut",
                "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"), types(events));
        JsonNode timedOut = events.get(4).get("taskTimedOutEventDetails");
        assertEquals("States.Timeout", timedOut.get("error").asText());
        assertEquals("invoke", timedOut.get("resource").asText());
        assertEquals(false, timedOut.has("cause"), timedOut.toString());
    }

    @Test
    void aSlowFunctionArnTimesOutAsLambdaFunctionTimedOut() throws Exception {
        ExecutionHeader end = run("""
                {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"%sslow","TimeoutSeconds":1,"End":true}}}"""
                .formatted(FUNCTION), "{}");
        assertEquals(ExecutionStatus.FAILED, end.status());
        // Recorded on AWS (timeouts/test_timeouts test_fixed_timeout_lambda).
        assertEquals("States.Timeout", end.error());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionTimedOut", "ExecutionFailed"), types(history(end)));
    }

    /**
     * AWS SDK integrations through the durable path against the embedded S3 server: the history
     * names them as AWS does (resourceType "aws-sdk:s3", resource "putObject"; recorded in
     * LocalStack services/test_aws_sdk_task_service test_s3_get_object), no TaskSubmitted for
     * request-response.
     */
    @Test
    void anAwsSdkS3PutThenGetRunsOnTheEmbeddedS3Server() throws Exception {
        String bucket = "durable-" + System.nanoTime();
        ExecutionHeader end = run("""
                {"StartAt":"Bucket","States":{
                  "Bucket":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:createBucket",
                    "Parameters":{"Bucket.$":"$.bucket"},"ResultPath":null,"Next":"Put"},
                  "Put":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:putObject",
                    "Parameters":{"Bucket.$":"$.bucket","Key":"orders/1.json","Body.$":"States.JsonToString($.order)"},
                    "ResultPath":null,"Next":"Get"},
                  "Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject",
                    "Parameters":{"Bucket.$":"$.bucket","Key":"orders/1.json"},
                    "ResultSelector":{"order.$":"States.StringToJson($.Body)"},"End":true}}}""",
                "{\"bucket\":\"" + bucket + "\",\"order\":{\"id\":7}}");
        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
        assertEquals(Json.parse("{\"order\":{\"id\":7}}"), end.output());
        List<JsonNode> events = history(end);
        JsonNode scheduled = events.stream().filter(e -> e.get("type").asText().equals("TaskScheduled")).skip(1).findFirst()
                .orElseThrow().get("taskScheduledEventDetails");
        assertEquals("aws-sdk:s3", scheduled.get("resourceType").asText());
        assertEquals("putObject", scheduled.get("resource").asText());
    }

    /** The callback pattern over an AWS SDK integration: aws-sdk:sqs:sendMessage.waitForTaskToken. */
    @Test
    void anAwsSdkSqsCallbackWaitsForTheWorkersAnswer() throws Exception {
        try (SqsClient sqs = new AwsClients("us-east-1", new RequestCounter()).sqs(TaskEmulators.get().endpoint(Emulators.SQS))) {
            String queueUrl = sqs.createQueue(b -> b.queueName("sdk-callbacks-" + System.nanoTime())).queueUrl();
            String machine = local.runtime().createStateMachine("sdkcb" + System.nanoTime(), """
                    {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken",
                      "Parameters":{"QueueUrl":"%s","MessageBody.$":"$$.Task.Token"},"End":true}}}""".formatted(queueUrl),
                    "arn:aws:iam::123456789012:role/test");
            String arn = local.runtime().startExecution(machine, "e" + System.nanoTime(), Json.parse("{}"));
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(20)).messages();
            assertEquals(1, messages.size());
            local.runtime().sendTaskSuccess(messages.get(0).body(), Json.parse("{\"approved\":true}"));
            ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(60));
            assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
            assertEquals(Json.parse("{\"approved\":true}"), end.output());
            List<JsonNode> events = history(end);
            assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                    "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"), types(events));
            assertEquals("sendMessage.waitForTaskToken", events.get(4).get("taskSubmittedEventDetails").get("resource").asText());
            assertEquals("aws-sdk:sqs", events.get(4).get("taskSubmittedEventDetails").get("resourceType").asText());
        }
    }

    @Test
    void anSqsTaskSendsToTheRuntimesOwnQueueEmulatorByDefault() throws Exception {
        try (SqsClient sqs = new AwsClients("us-east-1", new RequestCounter()).sqs(TaskEmulators.get().endpoint(Emulators.SQS))) {
            String queueUrl = sqs.createQueue(b -> b.queueName("orders-" + System.nanoTime())).queueUrl();
            ExecutionHeader end = run("""
                    {"StartAt":"Send","States":{"Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage",
                      "Parameters":{"QueueUrl":"%s","MessageBody.$":"$"},"ResultSelector":{"id.$":"$.MessageId"},"End":true}}}"""
                    .formatted(queueUrl), "{\"order\":\"s1\"}");
            assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
            assertEquals(1, messages.size());
            assertEquals("{\"order\":\"s1\"}", messages.get(0).body());
            assertEquals(messages.get(0).messageId(), end.output().get("id").asText());
            assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                    "TaskStateExited", "ExecutionSucceeded"), types(history(end)));
        }
    }

    /**
     * The callback pattern end to end, as the developer guide's SQS example runs it: the Task
     * sends the token in a message, a worker receives it from the queue and calls SendTaskSuccess.
     */
    @Test
    void anSqsCallbackWaitsForTheWorkerThatReceivesTheToken() throws Exception {
        try (SqsClient sqs = new AwsClients("us-east-1", new RequestCounter()).sqs(TaskEmulators.get().endpoint(Emulators.SQS))) {
            String queueUrl = sqs.createQueue(b -> b.queueName("callbacks-" + System.nanoTime())).queueUrl();
            String machine = local.runtime().createStateMachine("cb" + System.nanoTime(), """
                    {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                      "Parameters":{"QueueUrl":"%s","MessageBody":{"Message":"approve?","TaskToken.$":"$$.Task.Token"}},
                      "ResultPath":"$.answer","End":true}}}""".formatted(queueUrl), "arn:aws:iam::123456789012:role/test");
            String arn = local.runtime().startExecution(machine, "e" + System.nanoTime(), Json.parse("{\"order\":\"c1\"}"));
            var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(20)).messages();
            assertEquals(1, messages.size());
            JsonNode body = Json.parse(messages.get(0).body());
            assertEquals("approve?", body.get("Message").asText());
            local.runtime().sendTaskSuccess(body.get("TaskToken").asText(), Json.parse("{\"approved\":true}"));
            ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(60));
            assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
            assertEquals(Json.parse("{\"order\":\"c1\",\"answer\":{\"approved\":true}}"), end.output());
            List<JsonNode> events = history(end);
            assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                    "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"), types(events));
            // TaskSubmitted carries the SendMessage response, as recorded on AWS.
            JsonNode submitted = Json.parse(events.get(4).get("taskSubmittedEventDetails").get("output").asText());
            assertEquals(messages.get(0).messageId(), submitted.get("MessageId").asText());
            assertEquals("sendMessage.waitForTaskToken", events.get(4).get("taskSubmittedEventDetails").get("resource").asText());
        }
    }
}
