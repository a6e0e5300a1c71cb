package dev.stepwise.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.local.Emulators;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Execution status change events through the real EventBridge client to an in-test server that
 * answers PutEvents in the AWS JSON 1.1 protocol, for executions run by the durable runtime on
 * the emulators. Expected shapes: the "Step Functions Execution Status Change" examples of the
 * Step Functions developer guide (EventBridge chapter).
 */
class ExecutionStatusEventsTest {
    private static final String BUS = "stepwise-bus";
    private static Emulators emulators;
    private static LocalRuntime local;
    private static HttpServer server;
    private static EventBridgeClient client;
    private static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
    private static final EmfMetrics METRICS = new EmfMetrics();

    record Request(String target, String contentType, JsonNode body) {
    }

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode body = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            REQUESTS.add(new Request(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            byte[] answer = ("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        client = EventBridgeClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
        emulators = Emulators.start(Map.of(), null);
        local = LocalRuntime.builder(emulators.endpoint(Emulators.DYNAMODB), emulators.endpoint(Emulators.SQS))
                .table("status-events").queue("status-events").start();
        local.runtime().listen(new ExecutionObserver(METRICS,
                Optional.of(new ExecutionStatusEvents(client, BUS, local.runtime().store()))));
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
        if (emulators != null) {
            emulators.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aSucceededExecutionSendsRunningThenSucceededWithItsOutput() throws Exception {
        String machine = local.runtime().createStateMachine("events-ok", """
                {"StartAt": "Greet", "States": {"Greet": {"Type": "Pass", "Result": {"greeting": "Hello"}, "End": true}}}""",
                "arn:aws:iam::123456789012:role/test");
        String arn = local.runtime().startExecution(machine, "ok-1", Json.parse("{\"name\":\"Ada\"}"));
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.SUCCEEDED, end.status());

        List<Request> sent = await(arn, 2);
        Request running = sent.get(0);
        assertEquals("AWSEvents.PutEvents", running.target());
        assertTrue(running.contentType().startsWith("application/x-amz-json-1.1"), running.contentType());
        JsonNode entry = running.body().get("Entries").get(0);
        assertEquals("Step Functions Execution Status Change", entry.get("DetailType").asText());
        assertEquals("stepwise.states", entry.get("Source").asText());
        assertEquals(BUS, entry.get("EventBusName").asText());
        assertEquals(Json.parse("[\"" + arn + "\"]"), entry.get("Resources"));

        JsonNode started = Json.parse(entry.get("Detail").asText());
        ObjectNode expected = Json.object();
        expected.put("executionArn", arn);
        expected.put("stateMachineArn", machine);
        expected.put("name", "ok-1");
        expected.put("status", "RUNNING");
        expected.put("startDate", end.startDate().toEpochMilli());
        expected.putNull("stopDate");
        expected.put("input", "{\"name\":\"Ada\"}");
        expected.putObject("inputDetails").put("included", true);
        expected.putNull("output");
        expected.putNull("outputDetails");
        expected.putNull("error");
        expected.putNull("cause");
        assertEquals(expected, started);

        JsonNode succeeded = Json.parse(sent.get(1).body().get("Entries").get(0).get("Detail").asText());
        assertEquals("SUCCEEDED", succeeded.get("status").asText());
        assertEquals(end.stopDate().toEpochMilli(), succeeded.get("stopDate").asLong(), 1000);
        assertEquals(Json.parse("{\"greeting\":\"Hello\"}"), Json.parse(succeeded.get("output").asText()));
        assertEquals(Json.parse("{\"included\": true}"), succeeded.get("outputDetails"));
    }

    @Test
    void aFailedExecutionSendsItsErrorAndCauseAndNoOutput() throws Exception {
        String machine = local.runtime().createStateMachine("events-fail", """
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Order.Invalid", "Cause": "no items"}}}""",
                "arn:aws:iam::123456789012:role/test");
        String arn = local.runtime().startExecution(machine, "fail-1", Json.parse("{}"));
        assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn, Duration.ofSeconds(30)).status());

        JsonNode failed = Json.parse(await(arn, 2).get(1).body().get("Entries").get(0).get("Detail").asText());
        assertEquals("FAILED", failed.get("status").asText());
        assertEquals("Order.Invalid", failed.get("error").asText());
        assertEquals("no items", failed.get("cause").asText());
        assertTrue(failed.get("output").isNull());
        assertTrue(failed.get("outputDetails").isNull());
    }

    @Test
    void theInputIsLeftOutWhenInputAndOutputPassTheEventLimitAndTheOutputWhenItAloneDoes() {
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:big";
        ExecutionHeader header = new ExecutionHeader("arn:aws:states:us-east-1:123456789012:execution:big:b1", "b1",
                machine, null, "big", "arn:aws:iam::123456789012:role/test",
                ExecutionStatus.SUCCEEDED, Instant.parse("2026-11-25T18:00:00Z"), null, null, null, null, null, 0, null, null, 0,
                null, machine);
        JsonNode input = Json.object().put("blob", "x".repeat(150 * 1024));
        ObjectNode event = Json.object().put("type", "ExecutionSucceeded");
        event.putObject("executionSucceededEventDetails").put("output", Json.write(Json.object().put("blob", "y".repeat(150 * 1024))));
        ObjectNode both = ExecutionStatusEvents.detail(header, input, ExecutionStatus.SUCCEEDED, event, Instant.parse("2026-11-25T18:00:01Z"));
        assertFalse(both.get("inputDetails").get("included").asBoolean());
        assertTrue(both.get("input").isNull());
        assertTrue(both.get("outputDetails").get("included").asBoolean());

        event.putObject("executionSucceededEventDetails").put("output", Json.write(Json.object().put("blob", "y".repeat(250 * 1024))));
        ObjectNode huge = ExecutionStatusEvents.detail(header, Json.object(), ExecutionStatus.SUCCEEDED, event, Instant.parse("2026-11-25T18:00:01Z"));
        assertFalse(huge.get("outputDetails").get("included").asBoolean());
        assertTrue(huge.get("output").isNull());
        assertTrue(huge.get("inputDetails").get("included").asBoolean());
    }

    @Test
    void transitionsAndOutcomesAreCountedForTheMetrics() throws Exception {
        METRICS.drain(Instant.now());
        String machine = local.runtime().createStateMachine("events-count", """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "Done"},
                 "Done": {"Type": "Succeed"}}}""", "arn:aws:iam::123456789012:role/test");
        String arn = local.runtime().startExecution(machine, "count-1", Json.parse("{}"));
        local.awaitEnd(arn, Duration.ofSeconds(30));
        await(arn, 2);
        JsonNode document = METRICS.drain(Instant.now()).get(0);
        // PassStateEntered, PassStateEntered, SucceedStateEntered: three states entered, three transitions billed.
        assertEquals(3, document.get("Transitions").asLong());
        assertEquals(1, document.get("ExecutionsSucceeded").asLong());
    }

    private static List<Request> await(String executionArn, int count) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Request> mine = REQUESTS.stream().filter(r -> r.body().get("Entries").get(0).get("Resources").get(0).asText()
                    .equals(executionArn)).toList();
            if (mine.size() >= count) {
                return mine;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + count + " events for " + executionArn + ": " + REQUESTS);
    }
}
