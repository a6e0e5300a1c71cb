package dev.stepwise.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.local.StepPoller;
import dev.stepwise.runtime.DurableRuntime;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The API handler with complete API Gateway HTTP API (v2) events, on the durable runtime and the
 * real emulators: create a state machine, start it with the sample StartExecution request, let
 * the step worker's poller run it, describe it; and an AWS error shape for an unknown execution.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class ApiHandlerTest {
    private static final ObjectMapper LAMBDA_JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Inject
    StepFunctionsApi api;

    @Inject
    DurableRuntime runtime;

    @ConfigProperty(name = "stepwise.queue-url")
    String queueUrl;

    @ConfigProperty(name = "stepwise.endpoint.sqs")
    URI sqsEndpoint;

    @Test
    void theSampleStartExecutionRequestStartsAnExecutionTheWorkerRuns() throws Exception {
        ApiHandler handler = handler();
        APIGatewayV2HTTPResponse created = handler.handleRequest(request("CreateStateMachine", """
                {"name": "greeter", "roleArn": "arn:aws:iam::123456789012:role/stepwise",
                 "definition": "{\\"StartAt\\": \\"Greet\\", \\"States\\": {\\"Greet\\": {\\"Type\\": \\"Pass\\", \\"Parameters\\": {\\"greeting.$\\": \\"States.Format('Hello, {}!', $.name)\\"}, \\"End\\": true}}}"}"""), null);
        assertEquals(200, created.getStatusCode(), created.getBody());

        APIGatewayV2HTTPResponse started = handler.handleRequest(sample(), null);
        assertEquals(200, started.getStatusCode(), started.getBody());
        String execution = Json.parse(started.getBody()).get("executionArn").asText();
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:greeter:from-api-gateway", execution);

        try (StepPoller worker = new StepPoller(new AwsClients("us-east-1", new RequestCounter()).sqs(sqsEndpoint), queueUrl,
                runtime, 1, 1, StepPoller.QUIET).start()) {
            JsonNode described = null;
            for (int i = 0; i < 100; i++) {
                described = Json.parse(handler.handleRequest(request("DescribeExecution",
                        "{\"executionArn\": \"" + execution + "\"}"), null).getBody());
                if (!described.get("status").asText().equals("RUNNING")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals("SUCCEEDED", described.get("status").asText(), described.toString());
            assertEquals(Json.parse("{\"greeting\":\"Hello, Ada!\"}"), Json.parse(described.get("output").asText()));
        }
    }

    @Test
    void anUnknownExecutionIsAnAwsErrorShapeNotAServerError() throws IOException {
        APIGatewayV2HTTPResponse response = handler().handleRequest(request("DescribeExecution",
                "{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:execution:hello:nobody\"}"), null);
        assertEquals(400, response.getStatusCode());
        assertEquals("ExecutionDoesNotExist", response.getHeaders().get("X-Amzn-ErrorType"));
        assertEquals("ExecutionDoesNotExist", Json.parse(response.getBody()).get("__type").asText());
    }

    private ApiHandler handler() {
        ApiHandler handler = new ApiHandler();
        handler.api = api;
        return handler;
    }

    private static APIGatewayV2HTTPEvent sample() throws IOException {
        return LAMBDA_JSON.readValue(Files.readString(Path.of("events/apigw-start-execution.json")), APIGatewayV2HTTPEvent.class);
    }

    /** The sample request with another action and body, as the AWS CLI would send it. */
    private static APIGatewayV2HTTPEvent request(String action, String body) throws IOException {
        APIGatewayV2HTTPEvent event = sample();
        event.setHeaders(new HashMap<>(event.getHeaders()));
        event.getHeaders().put("x-amz-target", "AWSStepFunctions." + action);
        event.setBody(body);
        return event;
    }
}
