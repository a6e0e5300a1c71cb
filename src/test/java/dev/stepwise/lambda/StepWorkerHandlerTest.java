package dev.stepwise.lambda;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.store.ExecutionHeader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The step worker Lambda, invoked through Quarkus' mock Lambda event server with complete SQS
 * events, against the real emulators: it runs the steps and reports only failed messages.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class StepWorkerHandlerTest {
    private static final String DEFINITION = """
            {"StartAt": "Greet", "States": {
              "Greet": {"Type": "Pass", "Result": {"greeting": "Hello!"}, "Next": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    @Inject
    DurableRuntime runtime;

    @ConfigProperty(name = "stepwise.queue-url")
    String queueUrl;

    @ConfigProperty(name = "stepwise.endpoint.sqs")
    URI sqsEndpoint;

    @Test
    void theSampleBatchRunsItsStepAndDropsTheForeignMessage() throws IOException {
        String machine = runtime.createStateMachine("hello", DEFINITION, "arn:aws:iam::123456789012:role/stepwise");
        String execution = runtime.startExecution(machine, "run-1", Json.parse("{\"name\": \"Ada\"}"));
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:hello:run-1", execution);

        JsonNode response = invoke(Files.readString(Path.of("events/sqs-step-batch.json")));
        assertEquals(0, response.get("batchItemFailures").size(), response.toString());

        finishThroughTheHandler(execution);
        ExecutionHeader header = runtime.store().headers().header(execution).orElseThrow();
        assertEquals(ExecutionStatus.SUCCEEDED, header.status());
        assertEquals(Json.parse("{\"greeting\":\"Hello!\"}"), header.output());
    }

    @Test
    void aMessageThatFailsIsReportedAloneAndTheRestOfTheBatchSucceeds() {
        String machine = runtime.createStateMachine("poison", DEFINITION, "arn:aws:iam::123456789012:role/stepwise");
        String execution = runtime.startExecution(machine, "run-2", Json.parse("{\"name\": \"Grace\"}"));
        String good = "{\"e\":\"" + execution + "\",\"s\":\"S##00000000\"}";
        // A step key that no step can have: processing it throws, so only it comes back.
        String poison = "{\"e\":\"" + execution + "\",\"s\":\"S#\"}";
        JsonNode response = invoke(event(List.of(record("ok-1", good, 1), record("bad-1", poison, 1))).toString());
        ArrayNode failures = (ArrayNode) response.get("batchItemFailures");
        assertEquals(1, failures.size(), response.toString());
        assertEquals("bad-1", failures.get(0).get("itemIdentifier").asText());
    }

    @Test
    void aStepThatCouldOutlastTheFunctionsTimeIsHandedBackUntouched() {
        String machine = runtime.createStateMachine("late", DEFINITION, "arn:aws:iam::123456789012:role/stepwise");
        String execution = runtime.startExecution(machine, "run-late", Json.parse("{}"));
        StepWorkerHandler handler = new StepWorkerHandler();
        handler.runtime = runtime;
        handler.metrics = new EmfMetrics();
        handler.metricsOut = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
        com.amazonaws.services.lambda.runtime.events.SQSEvent event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage message = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
        message.setMessageId("late-1");
        message.setBody("{\"e\":\"" + execution + "\",\"s\":\"S##00000000\"}");
        event.setRecords(List.of(message));
        // Two seconds left: less than a step's evaluation bound.
        com.amazonaws.services.lambda.runtime.Context almostOut = (com.amazonaws.services.lambda.runtime.Context)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {com.amazonaws.services.lambda.runtime.Context.class},
                        (proxy, method, args) -> method.getName().equals("getRemainingTimeInMillis") ? 2_000 : null);
        List<SQSBatchResponse.BatchItemFailure> failures = handler.handleRequest(event, almostOut).getBatchItemFailures();
        assertEquals(List.of("late-1"), failures.stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(ExecutionStatus.RUNNING, runtime.store().headers().header(execution).orElseThrow().status());
    }

    @Test
    void everyStepLogsUnderItsExecutionAndStateAndTheInvocationWritesOneEmfLine() {
        String machine = runtime.createStateMachine("observed", DEFINITION, "arn:aws:iam::123456789012:role/stepwise");
        String execution = runtime.startExecution(machine, "run-3", Json.parse("{}"));
        List<String> seen = new java.util.ArrayList<>();
        StepWorkerHandler handler = new StepWorkerHandler();
        handler.runtime = runtime;
        handler.metrics = new EmfMetrics();
        ExecutionObserver observer = new ExecutionObserver(handler.metrics, java.util.Optional.empty());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        handler.metricsOut = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        runtime.listen(new dev.stepwise.runtime.StepListener() {
            @Override
            public void committed(String arn, ArrayNode events) {
                // what any log line written while the step commits would carry
                seen.add(org.jboss.logging.MDC.get(ExecutionObserver.EXECUTION_ARN) + " " + org.jboss.logging.MDC.get(ExecutionObserver.STATE_NAME));
                observer.committed(arn, events);
            }

            @Override
            public void stepStarting(String arn, dev.stepwise.engine.Step step) {
                observer.stepStarting(arn, step);
            }
        });
        try {
            com.amazonaws.services.lambda.runtime.events.SQSEvent event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
            com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage message = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
            message.setMessageId("m-3");
            message.setBody("{\"e\":\"" + execution + "\",\"s\":\"S##00000000\"}");
            message.setAttributes(java.util.Map.of("ApproximateReceiveCount", "1"));
            event.setRecords(List.of(message));
            assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        } finally {
            runtime.listen(new ExecutionObserver(metrics, java.util.Optional.empty()));
        }
        assertEquals(List.of(execution + " Greet"), seen);
        assertEquals(null, org.jboss.logging.MDC.get(ExecutionObserver.EXECUTION_ARN));
        String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length);
        JsonNode emf = Json.parse(lines[0]);
        assertEquals("Stepwise", emf.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText());
        assertEquals(1, emf.get("StepLatency").size());
        assertEquals(1, emf.get("Transitions").asLong()); // the step entered Greet (PassStateEntered)
    }

    @Inject
    EmfMetrics metrics;

    /** Plays the event source mapping: receive what the runtime enqueued and hand it to the handler. */
    private void finishThroughTheHandler(String execution) {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build()) {
            for (int round = 0; round < 20 && !runtime.store().headers().header(execution).orElseThrow().status().isTerminal(); round++) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
                ArrayNode records = Json.NODES.arrayNode();
                for (Message m : messages) {
                    records.add(record(m.messageId(), m.body(),
                            Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))));
                }
                if (records.isEmpty()) {
                    continue;
                }
                JsonNode response = invoke(event(records).toString());
                assertTrue(response.get("batchItemFailures").isEmpty(), response.toString());
                for (Message m : messages) {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
    }

    private static JsonNode invoke(String event) {
        String body = given().contentType("application/json").accept("application/json").body(event)
                .when().post().then().statusCode(200).extract().asString();
        return Json.parse(body);
    }

    private static ObjectNode event(Iterable<? extends JsonNode> records) {
        ObjectNode event = Json.object();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        return event;
    }

    private static ObjectNode record(String id, String body, int receiveCount) {
        ObjectNode record = Json.object();
        record.put("messageId", id);
        record.put("receiptHandle", "handle-" + id);
        record.put("body", body);
        record.putObject("attributes").put("ApproximateReceiveCount", String.valueOf(receiveCount));
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:stepwise-steps");
        record.put("awsRegion", "us-east-1");
        return record;
    }
}
