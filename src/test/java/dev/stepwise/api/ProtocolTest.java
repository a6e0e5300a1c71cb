package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AWS JSON 1.0 protocol as a client that is not the SDK sees it: error shapes, content
 * type, and 400 (never 500) for malformed or mistyped requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolTest {
    private final LocalSfn local = new LocalSfn();

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    @Test
    void anUnknownActionIsUnknownOperationException() {
        HttpResponse<String> response = local.post("AWSStepFunctions.MakeCoffee", "{}");
        assertEquals(400, response.statusCode());
        assertEquals("UnknownOperationException", Json.parse(response.body()).get("__type").asText());
        assertEquals("UnknownOperationException", response.headers().firstValue("X-Amzn-ErrorType").orElse(null));
        assertEquals(400, local.post(null, "{}").statusCode());
        assertEquals(400, local.post("Other.ListStateMachines", "{}").statusCode());
    }

    @Test
    void aSuccessIsJsonOfTheAwsContentType() {
        HttpResponse<String> response = local.post("AWSStepFunctions.ListStateMachines", "{}");
        assertEquals(200, response.statusCode());
        assertEquals("application/x-amz-json-1.0", response.headers().firstValue("Content-Type").orElse(null));
        assertTrue(Json.parse(response.body()).get("stateMachines").isArray());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ListStateMachines|{not json|SerializationException",
            "ListStateMachines|[1, 2]|SerializationException",
            "ListStateMachines|{\"maxResults\": \"ten\"}|SerializationException",
            "CreateStateMachine|{\"name\": 5, \"definition\": \"{}\", \"roleArn\": \"arn:aws:iam::1:role/r\"}|SerializationException",
            "CreateStateMachine|{\"definition\": \"{}\", \"roleArn\": \"arn:aws:iam::1:role/r\"}|ValidationException",
            "CreateStateMachine|{\"name\": \"n\", \"definition\": \"{}\", \"roleArn\": \"arn:aws:iam::1:role/r\", \"type\": \"FAST\"}|ValidationException",
            "CreateStateMachine|{\"name\": \"n\", \"definition\": \"{}\", \"roleArn\": \"role\"}|InvalidArn",
            "CreateStateMachine|{\"name\": \"n\", \"definition\": \"{}\", \"roleArn\": \"arn:aws:iam::1:role/r\", \"tags\": {}}|SerializationException",
            "StartExecution|{\"stateMachineArn\": true}|SerializationException",
            "StartExecution|{}|ValidationException",
            "GetExecutionHistory|{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:execution:a:b\", \"reverseOrder\": \"yes\"}|SerializationException",
            "StopExecution|{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:stateMachine:a\"}|InvalidArn",
            "TestState|{\"definition\": \"{}\", \"inspectionLevel\": \"ALL\"}|ValidationException",
            "ListExecutions|{\"stateMachineArn\": \"arn:aws:states:us-east-1:123456789012:stateMachine:a\", \"maxResults\": -1}|ValidationException"})
    void aMalformedOrMistypedRequestIsAClientError(String action, String body, String code) {
        HttpResponse<String> response = local.post("AWSStepFunctions." + action, body);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = Json.parse(response.body());
        assertEquals(code, error.get("__type").asText(), response.body());
    }
}
