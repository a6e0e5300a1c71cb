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
    final LocalSfn local = new LocalSfn(backend());

    /** The ports under test; {@code DurableProtocolTest} runs every test here on the durable runtime. */
    LocalSfn.Backend backend() {
        return LocalSfn.Backend.IN_MEMORY;
    }

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

    /**
     * StartExecution's name has a minimum length of 1 (API reference), checked like every member
     * constraint; only an absent name is replaced by a UUID.
     */
    @Test
    void anEmptyExecutionNameIsRefusedNotReplaced() {
        String machine = local.createMachine("empty-name", LocalSfn.PASS);
        HttpResponse<String> response = local.post("AWSStepFunctions.StartExecution",
                "{\"stateMachineArn\": \"" + machine + "\", \"name\": \"\"}");
        assertEquals(400, response.statusCode());
        assertEquals("{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value '' at 'name' "
                + "failed to satisfy constraint: Member must have length greater than or equal to 1\"}", response.body());
        assertEquals(0, local.sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().size());
    }

    /** includedData is ALL_DATA or METADATA_ONLY, whose DescribeStateMachine "definition will be {}" (API reference). */
    @Test
    void includedDataIsOneOfItsTwoValues() {
        String machine = local.createMachine("included-data", LocalSfn.PASS);
        String execution = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        for (String call : List.of("DescribeStateMachine|stateMachineArn|" + machine, "DescribeExecution|executionArn|" + execution,
                "DescribeStateMachineForExecution|executionArn|" + execution)) {
            String[] parts = call.split("\\|");
            HttpResponse<String> refused = local.post("AWSStepFunctions." + parts[0],
                    "{\"" + parts[1] + "\": \"" + parts[2] + "\", \"includedData\": \"EVERYTHING\"}");
            assertEquals(400, refused.statusCode(), call);
            assertEquals("{\"__type\":\"ValidationException\",\"message\":\"1 validation error detected: Value 'EVERYTHING' at "
                    + "'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]\"}",
                    refused.body(), call);
        }
        assertEquals("{}", local.sfn.describeStateMachine(b -> b.stateMachineArn(machine).includedData("METADATA_ONLY")).definition());
        assertEquals("{}", local.sfn.describeStateMachineForExecution(b -> b.executionArn(execution)
                .includedData("METADATA_ONLY")).definition());
        assertEquals(Json.parse(LocalSfn.PASS), Json.parse(local.sfn.describeStateMachine(b -> b.stateMachineArn(machine)
                .includedData("ALL_DATA")).definition()));
        assertEquals(execution, local.sfn.describeExecution(b -> b.executionArn(execution).includedData("METADATA_ONLY")).executionArn());
    }
}
