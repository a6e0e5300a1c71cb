package dev.stepwise.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.asl.Json;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code Custom::StepwiseStateMachine} provider with the complete sample Create request from
 * events/, on the real emulators, and an in-test HTTP server standing for the presigned S3
 * ResponseURL. Request and response fields as the CloudFormation user guide gives them ("Custom
 * resource request objects", "Custom resource response objects").
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class StateMachineResourceHandlerTest {
    private static final ObjectMapper LAMBDA_JSON = JsonMapper.builder()
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    private static final String HELLO = "arn:aws:states:us-east-1:123456789012:stateMachine:stepwise-hello";

    @Inject
    StepFunctionsApi api;

    /** What the ResponseURL received: one entry per request, and the statuses it answers in turn. */
    private record Received(String method, String contentType, JsonNode body) {
    }

    private HttpServer responses;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startResponseUrl() throws IOException {
        responses = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        responses.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        responses.start();
        delete(HELLO);
    }

    @AfterEach
    void stopResponseUrl() {
        responses.stop(0);
    }

    @Test
    void theSampleCreateMakesTheMachineWithItsSubstitutionsAndPutsSuccessToTheResponseUrl() throws IOException {
        CloudFormationCustomResourceEvent create = sample();
        // The sample carries statemachines/hello.asl.json as Fn::ToJsonString renders it.
        assertEquals(Json.parse(Files.readString(Path.of("statemachines/hello.asl.json"))),
                Json.parse((String) create.getResourceProperties().get("DefinitionString")));

        handler().handleRequest(create, null);

        Received answer = only();
        assertEquals("PUT", answer.method());
        assertNull(answer.contentType(), "the presigned URL's signature covers an empty Content-Type");
        assertEquals("SUCCESS", answer.body().get("Status").asText());
        assertEquals(HELLO, answer.body().get("PhysicalResourceId").asText());
        assertEquals(create.getStackId(), answer.body().get("StackId").asText());
        assertEquals(create.getRequestId(), answer.body().get("RequestId").asText());
        assertEquals("HelloStateMachine", answer.body().get("LogicalResourceId").asText());
        assertEquals(Json.parse("{\"Arn\": \"" + HELLO + "\", \"Name\": \"stepwise-hello\"}"), answer.body().get("Data"));
        JsonNode machine = call("DescribeStateMachine", "{\"stateMachineArn\": \"" + HELLO + "\"}");
        assertTrue(machine.get("definition").asText().contains("States.Format('Hello, {}!', $.name)"), machine.toString());
        assertEquals("arn:aws:iam::123456789012:role/stepwise-StepWorkerRole-1ABCDEFGHIJK", machine.get("roleArn").asText());
        assertEquals("STANDARD", machine.get("type").asText());
    }

    @Test
    void anUpdateChangesTheDefinitionInPlaceAndANewNameMakesANewMachineForCloudFormationToDeleteTheOld() throws IOException {
        handler().handleRequest(sample(), null);

        CloudFormationCustomResourceEvent update = update(Map.of("DefinitionSubstitutions", Map.of("Greeting", "Welcome")));
        handler().handleRequest(update, null);
        assertEquals(HELLO, received.get(1).body().get("PhysicalResourceId").asText());
        assertTrue(call("DescribeStateMachine", "{\"stateMachineArn\": \"" + HELLO + "\"}").get("definition").asText()
                .contains("'Welcome, {}!'"));

        String renamed = "arn:aws:states:us-east-1:123456789012:stateMachine:stepwise-hello-again";
        delete(renamed);
        handler().handleRequest(update(Map.of("StateMachineName", "stepwise-hello-again")), null);
        assertEquals(renamed, received.get(2).body().get("PhysicalResourceId").asText());
        assertEquals(200, api.handle(StepFunctionsApi.TARGET_PREFIX + "DescribeStateMachine", "{\"stateMachineArn\": \"" + HELLO + "\"}").status(),
                "the old machine stays until CloudFormation deletes it, after the update");

        handler().handleRequest(deleteRequest(HELLO), null);
        assertEquals("SUCCESS", received.get(3).body().get("Status").asText());
        assertEquals("StateMachineDoesNotExist",
                api.handle(StepFunctionsApi.TARGET_PREFIX + "DescribeStateMachine", "{\"stateMachineArn\": \"" + HELLO + "\"}").errorType());
        delete(renamed);
    }

    @Test
    void aDefinitionTheApiRefusesFailsTheResourceWithTheApiErrorAndTheDeleteOfItsRollbackSucceeds() throws IOException {
        CloudFormationCustomResourceEvent create = sample();
        create.getResourceProperties().put("DefinitionString", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}}}");
        handler().handleRequest(create, null);
        JsonNode failed = only().body();
        assertEquals("FAILED", failed.get("Status").asText());
        assertTrue(failed.get("Reason").asText().startsWith("CreateStateMachine failed: InvalidDefinition: "), failed.toString());
        String notCreated = failed.get("PhysicalResourceId").asText();
        assertEquals("stepwise-not-created-" + create.getRequestId(), notCreated);

        // CloudFormation rolls the Create back with a Delete of the id the failure answered.
        handler().handleRequest(deleteRequest(notCreated), null);
        assertEquals("SUCCESS", received.get(1).body().get("Status").asText());
        assertEquals(notCreated, received.get(1).body().get("PhysicalResourceId").asText());
    }

    @Test
    void aDefinitionGivenAsAnObjectIsRefusedSayingWhyForCloudFormationTurnsItsNumbersIntoText() throws IOException {
        CloudFormationCustomResourceEvent create = sample();
        // As CloudFormation sends an object property: every number and boolean as a string.
        create.getResourceProperties().put("DefinitionString", Map.of("StartAt", "W", "States",
                Map.of("W", Map.of("Type", "Wait", "Seconds", "3", "End", "true"))));
        handler().handleRequest(create, null);
        JsonNode failed = only().body();
        assertEquals("FAILED", failed.get("Status").asText());
        assertTrue(failed.get("Reason").asText().contains("Fn::ToJsonString"), failed.toString());
    }

    @Test
    void anUnnamedMachineIsNamedAfterItsLogicalIdTheSameWayWhenLambdaDeliversTheCreateAgain() throws IOException {
        CloudFormationCustomResourceEvent create = sample();
        create.getResourceProperties().remove("StateMachineName");
        handler().handleRequest(create, null);
        handler().handleRequest(create, null);
        String first = received.get(0).body().get("PhysicalResourceId").asText();
        assertTrue(first.matches("arn:aws:states:us-east-1:123456789012:stateMachine:HelloStateMachine-[0-9A-F]{12}"), first);
        assertEquals(first, received.get(1).body().get("PhysicalResourceId").asText());
        assertEquals("SUCCESS", received.get(1).body().get("Status").asText(), "CreateStateMachine is idempotent");
        delete(first);
    }

    @Test
    void aResponseUrlThatFailsIsTriedAgainAndOneThatKeepsFailingFailsTheInvocationForLambdaToRetry() throws IOException {
        answers.add(503);
        handler().handleRequest(sample(), null);
        assertEquals(2, received.size());
        assertEquals("SUCCESS", received.get(1).body().get("Status").asText());

        received.clear();
        answers.addAll(List.of(500, 500, 500));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> handler().handleRequest(sample(), null));
        assertTrue(thrown.getMessage().contains("HTTP 500"), thrown.getMessage());
        assertEquals(3, received.size());
    }

    @Test
    void workThatDoesNotEndInTimeIsAnsweredFailedBeforeTheFunctionsTimeRunsOut() throws IOException {
        CloudFormationCustomResourceEvent create = sample();
        long started = System.nanoTime();
        CustomResourceResponse response = StateMachineResourceHandler.within(Duration.ofMillis(300), () -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CustomResourceResponse.success("late", Map.of());
        }, create);
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000);
        assertEquals(CustomResourceResponse.Status.FAILED, response.status());
        assertEquals("stepwise-not-created-" + create.getRequestId(), response.physicalResourceId());
        assertTrue(response.reason().startsWith("Create did not finish within 300 ms"), response.reason());

        CustomResourceResponse crashed = StateMachineResourceHandler.within(Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("the table is gone");
        }, create);
        assertEquals(CustomResourceResponse.Status.FAILED, crashed.status());
        assertTrue(crashed.reason().contains("the table is gone"), crashed.reason());
    }

    private StateMachineResourceHandler handler() {
        StateMachineResourceHandler handler = new StateMachineResourceHandler();
        handler.api = api;
        handler.defaultRoleArn = Optional.of("arn:aws:iam::123456789012:role/stepwise-StepWorkerRole-DEFAULT");
        return handler;
    }

    private Received only() {
        assertEquals(1, received.size(), received.toString());
        return received.get(0);
    }

    /** The sample Create request, answering to the in-test server. */
    private CloudFormationCustomResourceEvent sample() throws IOException {
        CloudFormationCustomResourceEvent event = LAMBDA_JSON.readValue(Files.readString(Path.of("events/cfn-state-machine-create.json")),
                CloudFormationCustomResourceEvent.class);
        event.setResponseUrl("http://127.0.0.1:" + responses.getAddress().getPort() + "/response?X-Amz-Signature=test");
        event.setResourceProperties(new HashMap<>(event.getResourceProperties()));
        return event;
    }

    /** The sample as the Update CloudFormation sends after the template changed {@code changes}. */
    private CloudFormationCustomResourceEvent update(Map<String, Object> changes) throws IOException {
        CloudFormationCustomResourceEvent event = sample();
        event.setRequestType("Update");
        event.setRequestId(event.getRequestId() + "-update-" + received.size());
        event.setPhysicalResourceId(HELLO);
        event.setOldResourceProperties(new HashMap<>(event.getResourceProperties()));
        event.getResourceProperties().putAll(changes);
        return event;
    }

    private CloudFormationCustomResourceEvent deleteRequest(String physicalId) throws IOException {
        CloudFormationCustomResourceEvent event = sample();
        event.setRequestType("Delete");
        event.setRequestId(event.getRequestId() + "-delete-" + received.size());
        event.setPhysicalResourceId(physicalId);
        return event;
    }

    private JsonNode call(String action, String body) {
        ApiResponse response = api.handle(StepFunctionsApi.TARGET_PREFIX + action, body);
        assertEquals(200, response.status(), response.body());
        return Json.parse(response.body());
    }

    private void delete(String arn) {
        api.handle(StepFunctionsApi.TARGET_PREFIX + "DeleteStateMachine", "{\"stateMachineArn\": \"" + arn + "\"}");
    }
}
