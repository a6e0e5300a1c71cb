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
    void aMapStateRunsItsItemsAndNamesItsOwnNextState() {
        TestStateResponse response = test("""
                {"Type": "Map", "ItemProcessor": {"StartAt": "Double", "States": {
                   "Double": {"Type": "Pass", "Parameters": {"v.$": "$"}, "Next": "Finish"},
                   "Finish": {"Type": "Succeed"}}}, "Next": "Done"}""", "[1, 2]");
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("Done", response.nextState());
        assertEquals("[{\"v\":1},{\"v\":2}]", response.output());
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
        TestStateResponse response = test("""
                {"Type": "Task", "Resource": "arn:aws:states:::test:fails", "Next": "Fine",
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler", "ResultPath": "$.err"}]}""", "{\"x\": 1}");
        assertEquals(TestExecutionStatus.CAUGHT_ERROR, response.status());
        assertEquals("Handler", response.nextState());
        assertEquals("{\"x\":1,\"err\":{\"Error\":\"States.TaskFailed\",\"Cause\":\"the test task failed\"}}", response.output());
    }

    @Test
    void debugInspectionShowsTheDataFlow() {
        TestStateResponse response = local.sfn.testState(b -> b.roleArn(ROLE).inspectionLevel(InspectionLevel.DEBUG)
                .definition("""
                        {"Type": "Task", "Resource": "arn:aws:states:::test:echo", "InputPath": "$.payload",
                         "Parameters": {"value.$": "$.v"}, "End": true}""")
                .input("{\"payload\": {\"v\": 5}}"));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("{\"payload\":{\"v\":5}}", response.inspectionData().input());
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
