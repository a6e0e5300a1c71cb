package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;

/**
 * JSON nested 1,000 levels deep is accepted everywhere and runs to its end; 1,001 levels are
 * refused where they enter, with InvalidExecutionInput, and leave no execution behind; a state
 * whose output would nest deeper fails with States.DataLimitExceeded. The same on every backend
 * ({@code DurableNestingApiTest} runs these on the durable runtime).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NestingApiTest {
    final LocalSfn local = new LocalSfn(backend());

    LocalSfn.Backend backend() {
        return LocalSfn.Backend.IN_MEMORY;
    }

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    private static String nested(int levels) {
        return "[".repeat(levels - 1) + "{\"deep\":true}" + "]".repeat(levels - 1);
    }

    @Test
    void anInputNestedAThousandLevelsDeepRunsThroughEveryStateToItsEnd() {
        String machine = local.createMachine("deep-" + backend(), """
                {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"W"},"W":{"Type":"Wait","Seconds":0,"Next":"C"},
                 "C":{"Type":"Choice","Choices":[{"Variable":"$[0]","IsPresent":true,"Next":"Done"}],"Default":"Done"},
                 "Done":{"Type":"Succeed"}}}""");
        String input = nested(1000);
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.toString());
        assertEquals(input, done.output());
    }

    @Test
    void anInputNestedOneLevelMoreIsRefusedWithInvalidExecutionInputAndLeavesNoExecution() {
        String machine = local.createMachine("deeper-" + backend(), """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        InvalidExecutionInputException refused = assertThrows(InvalidExecutionInputException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).name("too-deep").input(nested(1001))));
        assertTrue(refused.awsErrorDetails().errorMessage().contains("nesting depth"), refused.awsErrorDetails().errorMessage());
        String arn = machine.replace(":stateMachine:", ":execution:") + ":too-deep";
        assertThrows(ExecutionDoesNotExistException.class, () -> local.sfn.describeExecution(b -> b.executionArn(arn)));
        assertTrue(local.sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().isEmpty());
    }

    @Test
    void aStateWhoseOutputWouldNestDeeperThanAThousandLevelsFailsWithDataLimitExceeded() {
        String machine = local.createMachine("deepening-" + backend(), """
                {"StartAt":"Wrap","States":{"Wrap":{"Type":"Pass","Parameters":{"wrapped.$":"$"},"End":true}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).input(nested(1000))).executionArn();
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.FAILED, done.status(), done.toString());
        assertEquals("States.DataLimitExceeded", done.error());
    }
}
