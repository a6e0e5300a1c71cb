package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionResponse;

/**
 * RedriveExecution through the real AWS SDK on the durable backend. The definitions fail while
 * {@code $$.Execution.RedriveCount} is 0 and succeed once redriven, so each test sees what the
 * redrive re-ran and what it kept. Expected behaviour: the API reference of RedriveExecution
 * ("continues the failed execution from the unsuccessful step and uses the same input ... doesn't
 * rerun these steps"; "redrives only the iterations and branches that failed or aborted").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DurableRedriveApiTest {
    /** Fails with an evaluation error until the execution is redriven. */
    private static final String FLAKY_OUTPUT =
            "{% $states.context.Execution.RedriveCount = 0 ? $error('not yet') : {'redriveCount': $states.context.Execution.RedriveCount} %}";

    final LocalSfn local = new LocalSfn(LocalSfn.Backend.DURABLE);

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    @Test
    void aFailedExecutionRedrivenRerunsOnlyTheFailedStateAndSucceeds() {
        String machine = local.createMachine("redrive-linear", """
                {"QueryLanguage": "JSONata", "StartAt": "First", "States": {
                  "First": {"Type": "Pass", "Output": {"seen": "{% $states.input.x %}",
                            "firstRunAt": "{% $states.context.Execution.RedriveCount %}"}, "Next": "Flaky"},
                  "Flaky": {"Type": "Pass", "Output": "%s", "Next": "Done"},
                  "Done": {"Type": "Pass", "End": true}}}""".replace("%s", FLAKY_OUTPUT.replace("\"", "\\\"")));
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"x\": 7}")).executionArn();
        DescribeExecutionResponse failed = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals(0, failed.redriveCount());
        assertEquals(ExecutionRedriveStatus.REDRIVABLE, failed.redriveStatus());

        RedriveExecutionResponse redriven = local.sfn.redriveExecution(b -> b.executionArn(arn));
        assertNotNull(redriven.redriveDate());
        DescribeExecutionResponse done = local.awaitEnd(arn);

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.toString());
        assertEquals(Json.parse("{\"redriveCount\": 1}"), Json.parse(done.output()));
        assertEquals(1, done.redriveCount());
        assertEquals(redriven.redriveDate(), done.redriveDate());
        assertNull(done.error());
        List<HistoryEvent> events = local.sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events();
        HistoryEvent redrivenEvent = events.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
                .findFirst().orElseThrow();
        assertEquals(1, redrivenEvent.executionRedrivenEventDetails().redriveCount());
        // The successful First state is not run again; Flaky is entered once per run.
        assertEquals(1, entered(events, "First"));
        assertEquals(2, entered(events, "Flaky"));
        HistoryEvent secondFlaky = events.stream().filter(e -> e.stateEnteredEventDetails() != null
                && e.stateEnteredEventDetails().name().equals("Flaky")).skip(1).findFirst().orElseThrow();
        // "uses the same input": the failed state is entered again with the input it had.
        assertEquals(Json.parse("{\"seen\": 7, \"firstRunAt\": 0}"), Json.parse(secondFlaky.stateEnteredEventDetails().input()));
        assertTrue(secondFlaky.id() > redrivenEvent.id());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).id(), "event ids stay consecutive across the redrive");
        }

        assertTrue(listed(machine, ExecutionRedriveFilter.REDRIVEN).contains(arn));
        assertTrue(!listed(machine, ExecutionRedriveFilter.NOT_REDRIVEN).contains(arn));
    }

    @Test
    void aRedrivenParallelRerunsOnlyItsFailedBranch() {
        String machine = local.createMachine("redrive-parallel", """
                {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {
                  "Fan": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "Steady", "States": {"Steady": {"Type": "Pass",
                        "Output": "{% $states.context.Execution.RedriveCount %}", "End": true}}},
                    {"StartAt": "Flaky", "States": {"Flaky": {"Type": "Pass", "Output": "%s", "End": true}}}]}}}"""
                .replace("%s", FLAKY_OUTPUT.replace("\"", "\\\"")));
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn).status());

        local.sfn.redriveExecution(b -> b.executionArn(arn));
        DescribeExecutionResponse done = local.awaitEnd(arn);

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.toString());
        // The successful branch kept its first run's output (RedriveCount 0 then).
        assertEquals(Json.parse("[0, {\"redriveCount\": 1}]"), Json.parse(done.output()));
        List<HistoryEvent> events = local.sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events();
        assertEquals(1, entered(events, "Steady"));
        assertEquals(2, entered(events, "Flaky"));
    }

    @Test
    void aRedrivenMapRerunsOnlyItsFailedIterations() {
        String machine = local.createMachine("redrive-map", """
                {"QueryLanguage": "JSONata", "StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "Items": [1, 2, 3], "End": true, "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Item", "States": {
                      "Item": {"Type": "Pass", "End": true, "Output":
                        "{% $states.input = 2 and $states.context.Execution.RedriveCount = 0 ? $error('not yet') : {'item': $states.input, 'run': $states.context.Execution.RedriveCount} %}"}}}}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn).status());

        local.sfn.redriveExecution(b -> b.executionArn(arn));
        DescribeExecutionResponse done = local.awaitEnd(arn);

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.toString());
        assertEquals(Json.parse("[{\"item\": 1, \"run\": 0}, {\"item\": 2, \"run\": 1}, {\"item\": 3, \"run\": 0}]"),
                Json.parse(done.output()));
    }

    @Test
    void anAbortedExecutionRedrivenEntersTheStateItWasStoppedInAgain() {
        String machine = local.createMachine("redrive-aborted", """
                {"QueryLanguage": "JSONata", "StartAt": "Hold", "States": {
                  "Hold": {"Type": "Wait", "Seconds": "{% $states.context.Execution.RedriveCount = 0 ? 600 : 0 %}", "End": true}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"kept\": true}")).executionArn();
        local.sfn.stopExecution(b -> b.executionArn(arn).error("Stopped").cause("by the test"));
        DescribeExecutionResponse aborted = local.sfn.describeExecution(b -> b.executionArn(arn));
        assertEquals(ExecutionStatus.ABORTED, aborted.status());
        assertEquals(ExecutionRedriveStatus.REDRIVABLE, aborted.redriveStatus());
        local.sfn.getExecutionHistory(b -> b.executionArn(arn)); // waits for the abort's event

        local.sfn.redriveExecution(b -> b.executionArn(arn));
        DescribeExecutionResponse done = local.awaitEnd(arn);

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.toString());
        assertEquals(Json.parse("{\"kept\": true}"), Json.parse(done.output()));
        List<HistoryEventType> types = local.sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events()
                .stream().map(HistoryEvent::type).toList();
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.WAIT_STATE_ENTERED,
                HistoryEventType.EXECUTION_ABORTED, HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.WAIT_STATE_ENTERED,
                HistoryEventType.WAIT_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED), types);
    }

    @Test
    void theSameClientTokenRedrivesOnceAndAnswersTheSameDate() {
        String machine = local.createMachine("redrive-token", """
                {"QueryLanguage": "JSONata", "StartAt": "Flaky", "States": {
                  "Flaky": {"Type": "Pass", "Output": "%s", "End": true}}}""".replace("%s", FLAKY_OUTPUT.replace("\"", "\\\"")));
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn).status());

        RedriveExecutionResponse first = local.sfn.redriveExecution(b -> b.executionArn(arn).clientToken("token-1"));
        local.awaitEnd(arn);
        RedriveExecutionResponse again = local.sfn.redriveExecution(b -> b.executionArn(arn).clientToken("token-1"));

        assertEquals(first.redriveDate(), again.redriveDate());
        DescribeExecutionResponse done = local.sfn.describeExecution(b -> b.executionArn(arn));
        assertEquals(1, done.redriveCount());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        // A new token asks for a new redrive, which a SUCCEEDED execution does not allow.
        ExecutionNotRedrivableException refused = assertThrows(ExecutionNotRedrivableException.class,
                () -> local.sfn.redriveExecution(b -> b.executionArn(arn).clientToken("token-2")));
        assertEquals(400, refused.statusCode());
    }

    @Test
    void runningAndSucceededExecutionsAreNotRedrivable() {
        String waits = local.createMachine("redrive-running", """
                {"StartAt": "Hold", "States": {"Hold": {"Type": "Wait", "Seconds": 600, "End": true}}}""");
        String running = local.sfn.startExecution(b -> b.stateMachineArn(waits)).executionArn();
        assertThrows(ExecutionNotRedrivableException.class, () -> local.sfn.redriveExecution(b -> b.executionArn(running)));
        DescribeExecutionResponse described = local.sfn.describeExecution(b -> b.executionArn(running));
        assertEquals(ExecutionRedriveStatus.NOT_REDRIVABLE, described.redriveStatus());
        // Recorded on AWS (LocalStack test_describe_execution snapshot).
        assertEquals("Execution is RUNNING and cannot be redriven", described.redriveStatusReason());
        local.sfn.stopExecution(b -> b.executionArn(running));

        String passes = local.createMachine("redrive-succeeded", LocalSfn.PASS);
        String succeeded = local.sfn.startExecution(b -> b.stateMachineArn(passes)).executionArn();
        assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(succeeded).status());
        assertThrows(ExecutionNotRedrivableException.class, () -> local.sfn.redriveExecution(b -> b.executionArn(succeeded)));
        assertEquals(0, local.sfn.describeExecution(b -> b.executionArn(succeeded)).redriveCount());
    }

    @Test
    void anUnknownExecutionDoesNotExist() {
        assertThrows(ExecutionDoesNotExistException.class, () -> local.sfn.redriveExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:nothing:here")));
    }

    private static long entered(List<HistoryEvent> events, String state) {
        return events.stream().filter(e -> e.stateEnteredEventDetails() != null
                && e.stateEnteredEventDetails().name().equals(state)).count();
    }

    private List<String> listed(String machine, ExecutionRedriveFilter filter) {
        return local.sfn.listExecutions(b -> b.stateMachineArn(machine).redriveFilter(filter)).executions().stream()
                .map(e -> e.executionArn()).toList();
    }
}
