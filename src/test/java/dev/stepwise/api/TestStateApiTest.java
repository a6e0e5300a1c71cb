package dev.stepwise.api;

import static dev.stepwise.api.LocalSfn.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/** TestState through the real AWS SDK: one state, one input, nothing stored. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestStateApiTest {
    private final LocalSfn local = new LocalSfn();

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    private TestStateResponse test(String state, String input) {
        return local.sfn.testState(b -> b.definition(state).roleArn(ROLE).input(input));
    }

    @Test
    void aPassStateGivesItsOutputAndNextState() {
        TestStateResponse response = test("""
                {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "ResultPath": "$.r", "Next": "After"}""",
                "{\"a\": 1, \"b\": 2}");
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("After", response.nextState());
        assertEquals("{\"a\":1,\"b\":2,\"r\":{\"sum\":3}}", response.output());
        assertNull(response.inspectionData());
    }

    @Test
    void variablesGoInAndTheAssignedOnesComeBackInTheInspectionData() {
        // API reference: TestState takes "variables" (a JSON object as a string); at DEBUG the
        // inspectionData's "variables" is "the set of workflow variables after execution of the state".
        TestStateResponse response = local.sfn.testState(b -> b.roleArn(ROLE).input("{\"n\": 2}")
                .definition("""
                        {"Type": "Pass", "Parameters": {"total.$": "States.MathAdd($.n, $base)"},
                         "Assign": {"base.$": "$.total", "seen": true}, "Next": "After"}""")
                .variables("{\"base\": 40}").inspectionLevel(InspectionLevel.DEBUG));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("{\"total\":42}", response.output());
        assertEquals("{\"base\":42,\"seen\":true}", response.inspectionData().variables());
    }

    @Test
    void anExpressionPastTheEvaluationMemoryLimitFailsInsteadOfHoldingTheApiThread() {
        // It ran on the API thread without end before evaluations were bounded.
        TestStateResponse response = test("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $pad('x', 100000000) %}", "End": true}""", "{}");
        assertEquals(TestExecutionStatus.FAILED, response.status());
        assertEquals("States.QueryEvaluationError", response.error());
        assertTrue(response.cause().endsWith("Expression evaluation memory limit exceeded: Check for excessive memory usage"),
                response.cause());
    }

    @Test
    void anEndStateHasNoNextState() {
        TestStateResponse response = test("{\"Type\": \"Pass\", \"Result\": [1], \"End\": true}", "{}");
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertNull(response.nextState());
        assertEquals("[1]", response.output());
    }

    @Test
    void aChoiceStateNamesTheChosenState() {
        String choice = """
                {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}], "Default": "Small"}""";
        assertEquals("Big", test(choice, "{\"n\": 11}").nextState());
        assertEquals("Small", test(choice, "{\"n\": 1}").nextState());
    }

    @Test
    void aMockedParallelStateShapesTheMockedBranchResults() {
        // API reference: "A mock can only be specified for Task, Map, or Parallel states"; the mocked
        // result stands for the array of branch outputs and goes through ResultSelector and ResultPath.
        TestStateResponse response = local.sfn.testState(b -> b.input("{\"id\": 7}").definition("""
                {"Type": "Parallel", "Branches": [
                   {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                   {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}],
                 "ResultSelector": {"first.$": "$[0]"}, "ResultPath": "$.r", "Next": "After"}""")
                .mock(m -> m.result("[{\"a\": 1}, {\"b\": 2}]")));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("After", response.nextState());
        assertEquals("{\"id\":7,\"r\":{\"first\":{\"a\":1}}}", response.output());
    }

    @Test
    void aStateTestedOnItsOwnSeesTheContextAwsGivesIt() {
        // Recorded on AWS (LocalStack test_state_configuration.snapshot.json, test_map_state_failure_count[INFO-BASE_MAP_STATE]):
        // $states.context has an Express execution ARN, the state is named "StateName", RetryCount 0.
        TestStateResponse response = local.sfn.testState(b -> b.input("{\"Values\": [\"first\", \"second\", \"third\"]}")
                .definition("""
                        {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.Values %}",
                         "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                           "StartAt": "TestState", "States": {"TestState": {"Type": "Task", "QueryLanguage": "JSONata",
                             "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "foo", "Payload": "bar"}, "End": true}}},
                         "Output": "{% $states %}", "End": true}""")
                .mock(m -> m.result("[1, 1, 1]")));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        com.fasterxml.jackson.databind.JsonNode output = dev.stepwise.asl.Json.parse(response.output());
        assertEquals("[1,1,1]", dev.stepwise.asl.Json.write(output.get("result")));
        assertEquals("StateName", output.at("/context/State/Name").asText());
        assertEquals(0, output.at("/context/State/RetryCount").asInt());
        assertTrue(output.at("/context/Execution/Id").asText().startsWith("arn:aws:states:us-east-1:123456789012:express:"),
                output.at("/context/Execution/Id").asText());
        assertTrue(output.at("/context/StateMachine/Id").asText().startsWith("arn:aws:states:us-east-1:123456789012:stateMachine:"));
    }

    @Test
    void aTaskThatFailsItsFirstAttemptIsRetriableWhenARetrierApplies() {
        // API reference, TestExecutionStatus RETRIABLE; AWS answers it after the first failed attempt,
        // with the Retrier and its back-off (IntervalSeconds defaults to 1) in inspectionData.errorDetails.
        TestStateResponse response = local.sfn.testState(b -> b.inspectionLevel(InspectionLevel.DEBUG).definition("""
                {"Type": "Task", "Resource": "arn:aws:states:::test:fails",
                 "Retry": [{"ErrorEquals": ["States.Timeout"]}, {"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}], "End": true}"""));
        assertEquals(TestExecutionStatus.RETRIABLE, response.status());
        assertEquals("States.TaskFailed", response.error());
        assertEquals("the test task failed", response.cause());
        assertNull(response.output());
        assertEquals(1, response.inspectionData().errorDetails().retryIndex());
        assertEquals(Integer.valueOf(1), response.inspectionData().errorDetails().retryBackoffIntervalSeconds());
    }

    @Test
    void aWaitStateAnswersAtOnce() {
        long started = System.nanoTime();
        TestStateResponse response = test("{\"Type\": \"Wait\", \"Seconds\": 3600, \"Next\": \"Later\"}", "{\"a\": 1}");
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("Later", response.nextState());
        assertTrue(System.nanoTime() - started < java.time.Duration.ofSeconds(30).toNanos());
    }

    @Test
    void roleArnMayBeLeftOut() {
        TestStateResponse response = local.sfn.testState(b -> b.definition("{\"Type\": \"Pass\", \"End\": true}"));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("{}", response.output());
    }

    @Test
    void aFailStateFailsWithItsErrorAndCause() {
        TestStateResponse response = test("{\"Type\": \"Fail\", \"Error\": \"Oops\", \"Cause\": \"bad input\"}", "{}");
        assertEquals(TestExecutionStatus.FAILED, response.status());
        assertEquals("Oops", response.error());
        assertEquals("bad input", response.cause());
        assertNull(response.output());
    }

    @Test
    void aCaughtTaskErrorIsCaughtErrorWithTheCatchersNextState() {
        // API reference: CAUGHT_ERROR, with error and cause; inspectionData.errorDetails.catchIndex names the Catcher.
        TestStateResponse response = local.sfn.testState(b -> b.roleArn(ROLE).input("{\"x\": 1}").inspectionLevel(InspectionLevel.DEBUG)
                .definition("""
                        {"Type": "Task", "Resource": "arn:aws:states:::test:fails", "Next": "Fine",
                         "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Other"},
                                   {"ErrorEquals": ["States.ALL"], "Next": "Handler", "ResultPath": "$.err"}]}"""));
        assertEquals(TestExecutionStatus.CAUGHT_ERROR, response.status());
        assertEquals("Handler", response.nextState());
        assertEquals("States.TaskFailed", response.error());
        assertEquals("the test task failed", response.cause());
        assertEquals("{\"x\":1,\"err\":{\"Error\":\"States.TaskFailed\",\"Cause\":\"the test task failed\"}}", response.output());
        assertEquals(1, response.inspectionData().errorDetails().catchIndex());
    }

    @Test
    void debugInspectionShowsTheDataFlow() {
        TestStateResponse response = local.sfn.testState(b -> b.roleArn(ROLE).inspectionLevel(InspectionLevel.DEBUG)
                .definition("""
                        {"Type": "Task", "Resource": "arn:aws:states:::test:echo", "InputPath": "$.payload",
                         "Parameters": {"value.$": "$.v"}, "End": true}""")
                .input("{\"payload\": {\"v\": 5}}"));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("{\"payload\": {\"v\": 5}}", response.inspectionData().input(), "the input as given");
        assertEquals("{\"v\":5}", response.inspectionData().afterInputPath());
        assertEquals("{\"value\":5}", response.inspectionData().afterParameters());
        assertEquals("{\"value\":5}", response.inspectionData().result());
        assertEquals("{\"value\":5}", response.output());
    }

    @Test
    void anInvalidStateIsInvalidDefinition() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> test("{\"Type\": \"Pass\", \"Next\": \"A\", \"End\": true}", "{}"));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Invalid State Machine Definition: '"),
                e.awsErrorDetails().errorMessage());
        assertThrows(InvalidDefinitionException.class, () -> test("{\"Next\": \"A\"}", "{}"));
        assertThrows(InvalidDefinitionException.class, () -> test("not json", "{}"));
    }
}
