package dev.stepwise.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The start consumer with the sample start-queue event and with messages StartExecution refuses,
 * on the real emulators: executions start once per message however often it is delivered;
 * refused messages reach the start dead-letter queue at once, carrying AWS's error code.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class StartConsumerHandlerTest {
    private static final ObjectMapper LAMBDA_JSON = JsonMapper.builder()
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:order-flow";
    private static final String DEFINITION = "{\\\"StartAt\\\": \\\"Wait\\\", \\\"States\\\": {\\\"Wait\\\": "
            + "{\\\"Type\\\": \\\"Wait\\\", \\\"Seconds\\\": 600, \\\"End\\\": true}}}";

    @Inject
    StepFunctionsApi api;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "stepwise.start-dead-letter-queue-url")
    String deadLetters;

    @Test
    void theSampleMessagesStartTheirExecutionsNamedByNameOrElseByMessageId() throws IOException {
        createMachine();
        SQSBatchResponse response = handler().handleRequest(sample(), null);
        assertEquals(List.of(), response.getBatchItemFailures());

        JsonNode unnamed = describe("arn:aws:states:us-east-1:123456789012:execution:order-flow:6f2c1e0a-58d4-4b7e-9a41-3c2d7f1b8e90");
        assertEquals(Json.parse("{\"orderId\":\"A-1042\",\"amount\":25.5}"), Json.parse(unnamed.get("input").asText()));
        JsonNode named = describe("arn:aws:states:us-east-1:123456789012:execution:order-flow:order-A-1043");
        assertEquals(Json.parse("{\"orderId\":\"A-1043\",\"amount\":12}"), Json.parse(named.get("input").asText()));
    }

    @Test
    void aRedeliveredMessageStartsItsExecutionOnceWhetherItRunsOrHasClosed() throws IOException {
        createMachine();
        SQSEvent event = sample();
        handler().handleRequest(event, null);
        int executions = executionCount();

        assertEquals(List.of(), handler().handleRequest(event, null).getBatchItemFailures());
        assertEquals(executions, executionCount());

        call("StopExecution", "{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:execution:order-flow:order-A-1043\"}");
        call("StopExecution", "{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:execution:order-flow:6f2c1e0a-58d4-4b7e-9a41-3c2d7f1b8e90\"}");
        assertEquals(List.of(), handler().handleRequest(event, null).getBatchItemFailures());
        assertEquals(executions, executionCount());
        assertEquals("ABORTED", describe("arn:aws:states:us-east-1:123456789012:execution:order-flow:order-A-1043").get("status").asText());
    }

    @Test
    void messagesStartExecutionRefusesGoToTheDeadLetterQueueAtOnceWithTheirErrorCode() {
        createMachine();
        handler().handleRequest(event(Map.of("first", "{\"stateMachineArn\": \"" + MACHINE + "\", \"name\": \"clash\", \"input\": {\"n\": 1}}")), null);
        drainDeadLetters();

        Map<String, String> bodies = Map.of(
                "not-json", "order A-1044, please",
                "no-machine", "{\"stateMachineArn\": \"arn:aws:states:us-east-1:123456789012:stateMachine:nobody\"}",
                "bad-arn", "{\"stateMachineArn\": \"order-flow\"}",
                "bad-name", "{\"stateMachineArn\": \"" + MACHINE + "\", \"name\": \"two words\"}",
                "bad-input", "{\"stateMachineArn\": \"" + MACHINE + "\", \"input\": \"{not json\"}",
                "name-clash", "{\"stateMachineArn\": \"" + MACHINE + "\", \"name\": \"clash\", \"input\": {\"n\": 2}}");
        SQSBatchResponse response = handler().handleRequest(event(bodies), null);
        assertEquals(List.of(), response.getBatchItemFailures());

        Map<String, String> errors = new HashMap<>();
        for (Message message : drainDeadLetters()) {
            String id = bodies.entrySet().stream().filter(e -> e.getValue().equals(message.body())).findFirst().orElseThrow().getKey();
            errors.put(id, message.messageAttributes().get(StartConsumerHandler.ERROR_ATTRIBUTE).stringValue());
        }
        // Error codes of StartExecution in the AWS Step Functions API reference.
        assertEquals(Map.of(
                "not-json", "SerializationException",
                "no-machine", "StateMachineDoesNotExist",
                "bad-arn", "InvalidArn",
                "bad-name", "InvalidName",
                "bad-input", "InvalidExecutionInput",
                "name-clash", "ExecutionAlreadyExists"), errors);
    }

    @Test
    void withoutADeadLetterQueueARefusedMessageIsReportedFailedForTheQueuesRedrivePolicy() {
        StartConsumerHandler handler = handler();
        handler.deadLetterQueueUrl = Optional.empty();
        SQSBatchResponse response = handler.handleRequest(event(Map.of("bad", "[]")), null);
        assertEquals(List.of("bad"), response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void aStoreThatCannotBeReachedIsRetriedNotRejected() {
        RuntimeProducer unreachable = new RuntimeProducer();
        unreachable.table = "stepwise-lambda-test";
        unreachable.queueUrl = "http://127.0.0.1:1/000000000000/nowhere";
        unreachable.region = "us-east-1";
        unreachable.accountId = "123456789012";
        unreachable.historyLimit = 25_000;
        unreachable.payloadLimit = 262_144;
        unreachable.maxReceives = 5;
        unreachable.retentionDays = 90;
        unreachable.dynamoEndpoint = Optional.of(URI.create("http://127.0.0.1:1"));
        unreachable.sqsEndpoint = Optional.of(URI.create("http://127.0.0.1:1"));
        unreachable.tokenKey = Optional.empty();
        unreachable.eventBusName = Optional.empty();
        unreachable.eventsEndpoint = Optional.empty();
        unreachable.lambdaEndpoint = Optional.empty();
        unreachable.snsEndpoint = Optional.empty();
        unreachable.s3Endpoint = Optional.empty();
        unreachable.statesEndpoint = Optional.empty();
        unreachable.secretsManagerEndpoint = Optional.empty();
        unreachable.ssmEndpoint = Optional.empty();
        unreachable.httpAuth = Optional.empty();
        var dynamo = unreachable.dynamo();
        var queue = unreachable.queue(unreachable.sqs());
        StepFunctionsApi broken = unreachable.api(unreachable.assembly(dynamo, queue));

        List<StartBatch.Outcome> outcomes = new StartBatch(broken).process(List.of(
                new StartBatch.Record("m-1", "{\"stateMachineArn\": \"" + MACHINE + "\"}")));
        assertInstanceOf(StartBatch.Outcome.Retry.class, outcomes.get(0));
    }

    private StartConsumerHandler handler() {
        StartConsumerHandler handler = new StartConsumerHandler();
        handler.api = api;
        handler.sqs = sqs;
        handler.deadLetterQueueUrl = Optional.of(deadLetters);
        return handler;
    }

    private void createMachine() {
        ApiResponse created = api.handle(StepFunctionsApi.TARGET_PREFIX + "CreateStateMachine", "{\"name\": \"order-flow\", "
                + "\"roleArn\": \"arn:aws:iam::123456789012:role/stepwise\", \"definition\": \"" + DEFINITION + "\"}");
        assertEquals(200, created.status(), created.body());
    }

    private JsonNode call(String action, String body) {
        ApiResponse response = api.handle(StepFunctionsApi.TARGET_PREFIX + action, body);
        assertEquals(200, response.status(), response.body());
        return Json.parse(response.body());
    }

    private JsonNode describe(String executionArn) {
        return call("DescribeExecution", "{\"executionArn\": \"" + executionArn + "\"}");
    }

    private int executionCount() {
        return call("ListExecutions", "{\"stateMachineArn\": \"" + MACHINE + "\", \"maxResults\": 1000}").get("executions").size();
    }

    private List<Message> drainDeadLetters() {
        List<Message> all = new ArrayList<>();
        List<Message> got;
        do {
            got = sqs.receiveMessage(b -> b.queueUrl(deadLetters).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            for (Message m : got) {
                all.add(m);
                sqs.deleteMessage(b -> b.queueUrl(deadLetters).receiptHandle(m.receiptHandle()));
            }
        } while (!got.isEmpty());
        return all;
    }

    private static SQSEvent sample() throws IOException {
        return LAMBDA_JSON.readValue(Files.readString(Path.of("events/start-queue-message.json")), SQSEvent.class);
    }

    private static SQSEvent event(Map<String, String> bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        bodies.forEach((id, body) -> {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(id);
            message.setBody(body);
            message.setEventSource("aws:sqs");
            messages.add(message);
        });
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        assertTrue(!messages.isEmpty());
        return event;
    }
}
