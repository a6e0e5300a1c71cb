package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;

/**
 * AWS SDK integrations at the API: what CreateStateMachine and ValidateStateMachineDefinition
 * refuse at definition time, and aws-sdk:sfn:* Tasks calling Stepwise's own API server (the
 * in-test peer for Step Functions) through the AWS SDK for Java v2.
 */
class AwsSdkApiTest {
    private static LocalSfn local;
    private static Integrations integrations;

    @BeforeAll
    static void start() {
        local = new LocalSfn();
        integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoint(IntegrationConfig.STATES, local.server.endpoint()));
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static String task(String resource, String parameters) {
        return """
                {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"%s","Parameters":%s,"End":true}}}"""
                .formatted(resource, parameters);
    }

    @Test
    void anActionTheServiceDoesNotHaveIsRefusedAtCreateStateMachine() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> local.createMachine("bad-action",
                task("arn:aws:states:::aws-sdk:s3:getObjectt", "{\"Bucket\":\"b\"}")));
        assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The resource provided "
                + "arn:aws:states:::aws-sdk:s3:getObjectt is not recognized. The value is not a valid resource ARN, or the "
                + "resource is not available in this region. at /States/Call/Resource'", e.awsErrorDetails().errorMessage());
    }

    @Test
    void theRunAJobPatternIsRefusedForSdkIntegrations() {
        // Developer guide, service integration patterns: AWS SDK integrations support request-response and
        // .waitForTaskToken, not .sync.
        assertThrows(InvalidDefinitionException.class, () -> local.createMachine("bad-pattern",
                task("arn:aws:states:::aws-sdk:sfn:startExecution.sync", "{\"StateMachineArn\":\"x\"}")));
    }

    @Test
    void aStaticParameterTheActionDoesNotTakeIsRefusedWithItsLocation() {
        ValidateStateMachineDefinitionResponse result = local.sfn.validateStateMachineDefinition(b -> b.definition(
                task("arn:aws:states:::aws-sdk:dynamodb:getItem", "{\"TableName\":\"t\",\"Key.$\":\"$.key\",\"Nope\":1}")));
        assertEquals("FAIL", result.resultAsString());
        assertEquals(1, result.diagnostics().size());
        assertEquals("The field \"Nope\" is not supported by Step Functions", result.diagnostics().get(0).message());
        assertEquals("/States/Call/Parameters", result.diagnostics().get(0).location());
    }

    @Test
    void aServiceStepwiseDoesNotBundleIsAcceptedAsAwsAcceptsIt() {
        assertTrue(local.createMachine("ec2", task("arn:aws:states:::aws-sdk:ec2:describeInstances", "{}"))
                .endsWith(":stateMachine:ec2"));
    }

    @Test
    void sfnStartExecutionReachesTheApiAndReturnsItsResponseMembers() {
        String target = local.createMachine("target-" + System.nanoTime(), LocalSfn.PASS);
        Resumption result = integrations.execute(request("arn:aws:states:::aws-sdk:sfn:startExecution",
                "{\"StateMachineArn\":\"" + target + "\",\"Name\":\"TestStartTarget\",\"Input\":{\"key\":\"value\"}}"), "k");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result, result.toString()).output();
        // Recorded (test_sfn_start_execution): ExecutionArn and StartDate; the object Input is sent as its JSON text
        // (test_sfn_start_execution_implicit_json_serialisation).
        java.util.List<String> members = new java.util.ArrayList<>();
        output.fieldNames().forEachRemaining(members::add);
        assertEquals(java.util.List.of("ExecutionArn", "StartDate"), members);
        assertTrue(output.get("ExecutionArn").asText().endsWith(":TestStartTarget"), output.toString());
        assertTrue(output.get("StartDate").asText().matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z"), output.toString());
        assertEquals("{\"key\":\"value\"}", local.sfn.describeExecution(b -> b.executionArn(output.get("ExecutionArn").asText()))
                .input());
    }

    @Test
    void sfnSendTaskSuccessWithATokenThatIsNoneFailsWithTheSdkException() {
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, integrations.execute(request(
                "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess", "{\"TaskToken\":\"NoSuchTaskToken\",\"Output\":\"{}\"}"), "k"));
        // Recorded (test_sfn_send_task_outcome_with_no_such_token): Sfn.InvalidTokenException.
        assertEquals("Sfn.InvalidTokenException", failed.error(), failed.cause());
        assertTrue(failed.cause().contains(" (Service: Sfn, Status Code: 400, Request ID: "), failed.cause());
    }

    private static TaskRequest request(String resource, String parameters) {
        return new TaskRequest("Call", resource, Json.parse(parameters), 60, null, null, 0);
    }
}
