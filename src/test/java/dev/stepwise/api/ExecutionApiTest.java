package dev.stepwise.api;

import static dev.stepwise.api.LocalSfn.PASS;
import static dev.stepwise.api.LocalSfn.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineForExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Execution actions through the real AWS SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionApiTest {
    private static final String WAIT = """
            {"StartAt": "State_1", "States": {"State_1": {"Type": "Wait", "Seconds": 60, "End": true}}}""";

    final LocalSfn local = new LocalSfn(backend());

    /** The ports under test; {@code DurableExecutionApiTest} runs every test here on the durable runtime. */
    LocalSfn.Backend backend() {
        return LocalSfn.Backend.IN_MEMORY;
    }

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    @Test
    void runsAnExecutionToItsOutput() {
        String machine = local.createMachine("runs", PASS);
        StartExecutionResponse started = local.sfn.startExecution(b -> b.stateMachineArn(machine).name("first").input("{}"));
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:runs:first", started.executionArn());
        assertNotNull(started.startDate());

        DescribeExecutionResponse done = local.awaitEnd(started.executionArn());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"Arg1\":\"argument1\"}", done.output());
        assertEquals("{}", done.input());
        assertEquals(machine, done.stateMachineArn());
        assertEquals("first", done.name());
        assertTrue(done.inputDetails().included());
        assertTrue(done.outputDetails().included());
        assertNotNull(done.stopDate());
        assertEquals(0, done.redriveCount());
        // Recorded on AWS (test_describe_execution).
        assertEquals("NOT_REDRIVABLE", done.redriveStatusAsString());
        assertEquals("Execution is SUCCEEDED and cannot be redriven", done.redriveStatusReason());
    }

    @Test
    void aFailingExecutionReportsItsErrorAndCause() {
        String machine = local.createMachine("fails", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "MyError", "Cause": "it broke"}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("MyError", done.error());
        assertEquals("it broke", done.cause());
        assertNull(done.output());
        HistoryEvent last = local.sfn.getExecutionHistory(b -> b.executionArn(arn).reverseOrder(true).maxResults(1)).events().get(0);
        assertEquals(HistoryEventType.EXECUTION_FAILED, last.type());
        assertEquals("MyError", last.executionFailedEventDetails().error());
        assertEquals("it broke", last.executionFailedEventDetails().cause());
    }

    @Test
    void aFailedExecutionIsRedrivableOnEveryBackend() {
        String machine = local.createMachine("fails-redrive", """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "MyError"}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals(0, done.redriveCount());
        assertNull(done.redriveDate());
        // In memory too: it is the same durable runtime on the store's in-memory adapters.
        assertEquals(ExecutionRedriveStatus.REDRIVABLE, done.redriveStatus());
        assertNull(done.redriveStatusReason());
    }

    @Test
    void theHistoryHasAwsEventsAndShapes() {
        String machine = local.createMachine("history", PASS);
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).name("h").input("{\"a\": 1}")).executionArn();
        local.awaitEnd(arn);
        List<HistoryEvent> events = local.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
        // The sequence and previousEventIds recorded on AWS (test_start_execution).
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED),
                events.stream().map(HistoryEvent::type).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), events.stream().map(HistoryEvent::id).toList());
        assertEquals(List.of(0L, 0L, 2L, 3L), events.stream().map(HistoryEvent::previousEventId).toList());
        assertEquals("{\"a\":1}", events.get(0).executionStartedEventDetails().input());
        assertEquals(ROLE, events.get(0).executionStartedEventDetails().roleArn());
        assertFalse(events.get(0).executionStartedEventDetails().inputDetails().truncated());
        assertEquals("State_1", events.get(1).stateEnteredEventDetails().name());
        assertEquals("{\"a\":1}", events.get(1).stateEnteredEventDetails().input());
        assertEquals("State_1", events.get(2).stateExitedEventDetails().name());
        assertEquals("{\"Arg1\":\"argument1\"}", events.get(2).stateExitedEventDetails().output());
        assertEquals("{\"Arg1\":\"argument1\"}", events.get(3).executionSucceededEventDetails().output());
        assertNotNull(events.get(3).timestamp());
    }

    @Test
    void aStateExitedEventListsTheVariablesItsStateAssigned() {
        // API reference, StateExitedEventDetails: "assignedVariables: Map of variable name and value
        // as a serialized JSON representation".
        String machine = local.createMachine("assigns", """
                {"StartAt": "Keep", "States": {
                  "Keep": {"Type": "Pass", "Assign": {"total.$": "$.a", "label": "first"}, "Next": "Plain"},
                  "Plain": {"Type": "Pass", "End": true}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).name("v").input("{\"a\": [1, 2]}")).executionArn();
        local.awaitEnd(arn);
        List<HistoryEvent> exits = local.sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
                .filter(e -> e.type() == HistoryEventType.PASS_STATE_EXITED).toList();
        assertEquals(java.util.Map.of("total", "[1,2]", "label", "\"first\""), exits.get(0).stateExitedEventDetails().assignedVariables());
        assertFalse(exits.get(0).stateExitedEventDetails().assignedVariablesDetails().truncated());
        assertTrue(exits.get(1).stateExitedEventDetails().assignedVariables().isEmpty(), "a state without Assign lists none");
    }

    @Test
    void anExecutionPastItsTimeoutSecondsTimesOut() {
        String machine = local.createMachine("times-out", """
                {"TimeoutSeconds": 1, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": true}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.TIMED_OUT, done.status());
        assertEquals("States.Timeout", done.error());
        long seconds = java.time.Duration.between(done.startDate(), done.stopDate()).toSeconds();
        assertEquals(1, seconds);
        HistoryEvent last = local.sfn.getExecutionHistory(b -> b.executionArn(arn).reverseOrder(true)).events().get(0);
        assertEquals(HistoryEventType.EXECUTION_TIMED_OUT, last.type());
        assertEquals("States.Timeout", last.executionTimedOutEventDetails().error());
    }

    @Test
    void theHistoryWithoutExecutionDataLeavesPayloadsOut() {
        String machine = local.createMachine("no-data", PASS);
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        local.awaitEnd(arn);
        List<HistoryEvent> events = local.sfn.getExecutionHistory(b -> b.executionArn(arn).includeExecutionData(false)).events();
        assertNull(events.get(1).stateEnteredEventDetails().input());
        assertEquals("State_1", events.get(1).stateEnteredEventDetails().name());
        assertNull(events.get(3).executionSucceededEventDetails().output());
    }

    @Test
    void taskAndMapEventsCarryTheirDetails() {
        String machine = local.createMachine("task-map", """
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "T", "States": {
                    "T": {"Type": "Task", "Resource": "arn:aws:states:::test:echo", "TimeoutSeconds": 30,
                          "Parameters": {"v.$": "$"}, "End": true}}}, "End": true}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"items\": [7]}")).executionArn();
        assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(arn).status());
        List<HistoryEvent> events = local.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
        HistoryEvent mapStarted = find(events, HistoryEventType.MAP_STATE_STARTED);
        assertEquals(1, mapStarted.mapStateStartedEventDetails().length());
        HistoryEvent iteration = find(events, HistoryEventType.MAP_ITERATION_STARTED);
        assertEquals("M", iteration.mapIterationStartedEventDetails().name());
        assertEquals(0, iteration.mapIterationStartedEventDetails().index());
        HistoryEvent scheduled = find(events, HistoryEventType.TASK_SCHEDULED);
        assertEquals("test", scheduled.taskScheduledEventDetails().resourceType());
        assertEquals("echo", scheduled.taskScheduledEventDetails().resource());
        assertEquals("us-east-1", scheduled.taskScheduledEventDetails().region());
        assertEquals("{\"v\":7}", scheduled.taskScheduledEventDetails().parameters());
        assertEquals(30L, scheduled.taskScheduledEventDetails().timeoutInSeconds());
        HistoryEvent succeeded = find(events, HistoryEventType.TASK_SUCCEEDED);
        assertEquals("{\"v\":7}", succeeded.taskSucceededEventDetails().output());
        assertEquals("[{\"v\":7}]", local.awaitEnd(arn).output());
    }

    @Test
    void historyPagesForwardAndInReverse() {
        String machine = local.createMachine("paged-history", """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"},
                 "C": {"Type": "Pass", "End": true}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        local.awaitEnd(arn);
        List<Long> forward = ids(arn, false);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), forward);
        assertEquals(List.of(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L), ids(arn, true));
        assertEquals(8, local.sfn.getExecutionHistoryPaginator(b -> b.executionArn(arn).maxResults(3)).events().stream().count());
    }

    @Test
    void aForgedOrForeignNextTokenIsInvalidToken() {
        String machine = local.createMachine("tokens", """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}""");
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        local.awaitEnd(arn);
        String token = local.sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(2)).nextToken();
        assertNotNull(token);
        String altered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertThrows(InvalidTokenException.class, () -> local.sfn.getExecutionHistory(b -> b.executionArn(arn).nextToken(altered)));
        assertThrows(InvalidTokenException.class, () -> local.sfn.getExecutionHistory(b -> b.executionArn(arn).nextToken("garbage")));
        // A token of the forward listing does not page the reversed one.
        assertThrows(InvalidTokenException.class,
                () -> local.sfn.getExecutionHistory(b -> b.executionArn(arn).nextToken(token).reverseOrder(true)));
        assertThrows(InvalidTokenException.class, () -> local.sfn.listStateMachines(b -> b.nextToken(token)));
    }

    @Test
    void startingTwiceWithTheSameNameAndInputWhileRunningReturnsTheSameExecution() {
        String machine = local.createMachine("idempotent", WAIT);
        StartExecutionResponse first = local.sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"k\": 1}"));
        StartExecutionResponse again = local.sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"k\": 1}"));
        assertEquals(first.executionArn(), again.executionArn());
        assertEquals(first.startDate(), again.startDate());

        ExecutionAlreadyExistsException other = assertThrows(ExecutionAlreadyExistsException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"k\": 2}")));
        assertEquals("Execution Already Exists: '" + first.executionArn() + "'", other.awsErrorDetails().errorMessage());

        local.sfn.stopExecution(b -> b.executionArn(first.executionArn()));
        // "If the execution is closed ... it returns a 400 ExecutionAlreadyExists error."
        assertThrows(ExecutionAlreadyExistsException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"k\": 1}")));
    }

    @Test
    void stoppingARunningExecutionAbortsIt() {
        String machine = local.createMachine("stopped", WAIT);
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        waitForEvents(arn, 2);
        assertEquals(ExecutionStatus.RUNNING, local.sfn.describeExecution(b -> b.executionArn(arn)).status());
        StopExecutionResponse stopped = local.sfn.stopExecution(b -> b.executionArn(arn).error("Halt").cause("enough"));
        assertNotNull(stopped.stopDate());
        DescribeExecutionResponse described = local.sfn.describeExecution(b -> b.executionArn(arn));
        assertEquals(ExecutionStatus.ABORTED, described.status());
        assertEquals("Halt", described.error());
        assertEquals("enough", described.cause());
        List<HistoryEvent> events = local.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
        // Recorded on AWS (test_stop_execution): started, the Wait entered, then aborted.
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.WAIT_STATE_ENTERED,
                HistoryEventType.EXECUTION_ABORTED), events.stream().map(HistoryEvent::type).toList());
        assertEquals("Halt", events.get(2).executionAbortedEventDetails().error());
        assertEquals("enough", events.get(2).executionAbortedEventDetails().cause());
    }

    @Test
    void listsExecutionsNewestFirstWithStatusFilterAndPages() {
        String machine = local.createMachine("listed", PASS);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "run-" + i;
            started.add(local.sfn.startExecution(b -> b.stateMachineArn(machine).name(name)).executionArn());
        }
        started.forEach(local::awaitEnd);
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListExecutionsResponse page = local.sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2).nextToken(next));
            page.executions().stream().map(ExecutionListItem::name).forEach(names::add);
            token = page.nextToken();
        } while (token != null);
        assertEquals(List.of("run-4", "run-3", "run-2", "run-1", "run-0"), names);
        assertEquals(5, local.sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions().size());
        assertEquals(0, local.sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING))
                .executions().size());
    }

    @Test
    void anUnknownStatusFilterFailsValidation() {
        String machine = local.createMachine("bad-filter", PASS);
        ValidationException e = assertThrows(ValidationException.class,
                () -> local.sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter("succeeded")));
        assertEquals("1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void inputMustBeJsonWithinTheLimit() {
        String machine = local.createMachine("inputs", PASS);
        // Messages recorded on AWS (test_invalid_start_execution_input).
        InvalidExecutionInputException notJson = assertThrows(InvalidExecutionInputException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).input("not a json")));
        assertEquals("Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, "
                + "Array, Object or token 'null', 'true' or 'false')'", notJson.awsErrorDetails().errorMessage());
        InvalidExecutionInputException quote = assertThrows(InvalidExecutionInputException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).input("{'a': 1}")));
        assertEquals("Invalid State Machine Execution Input: 'Unexpected character (''' (code 39)): was expecting "
                + "double-quote to start field name'", quote.awsErrorDetails().errorMessage());
        InvalidExecutionInputException empty = assertThrows(InvalidExecutionInputException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).input("")));
        assertEquals("Invalid State Machine Execution Input: 'Invalid execution input.'", empty.awsErrorDetails().errorMessage());
        String tooBig = "\"" + "x".repeat(256 * 1024) + "\"";
        assertThrows(InvalidExecutionInputException.class, () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).input(tooBig)));
        // Any JSON value is an input: a number, a string, null.
        for (String input : List.of("1", "\"text\"", "null")) {
            String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
            assertEquals(input, local.awaitEnd(arn).input());
        }
    }

    @Test
    void executionNamesFollowTheNamingRules() {
        String machine = local.createMachine("names", PASS);
        InvalidNameException e = assertThrows(InvalidNameException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).name("bad name")));
        assertEquals("Invalid Name: 'bad name'", e.awsErrorDetails().errorMessage());
        assertThrows(ValidationException.class, () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).name("x".repeat(81))));
        assertThrows(ValidationException.class, () -> local.sfn.startExecution(b -> b.stateMachineArn(machine).name("")));
    }

    @Test
    void unknownMachinesAndExecutionsAreReportedAsAwsDoes() {
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:ghost";
        StateMachineDoesNotExistException noMachine = assertThrows(StateMachineDoesNotExistException.class,
                () -> local.sfn.startExecution(b -> b.stateMachineArn(machine)));
        assertEquals("State Machine Does Not Exist: '" + machine + "'", noMachine.awsErrorDetails().errorMessage());
        assertThrows(StateMachineDoesNotExistException.class, () -> local.sfn.listExecutions(b -> b.stateMachineArn(machine)));
        String execution = "arn:aws:states:us-east-1:123456789012:execution:ghost:run";
        ExecutionDoesNotExistException noExecution = assertThrows(ExecutionDoesNotExistException.class,
                () -> local.sfn.describeExecution(b -> b.executionArn(execution)));
        assertEquals("Execution Does Not Exist: '" + execution + "'", noExecution.awsErrorDetails().errorMessage());
        assertThrows(ExecutionDoesNotExistException.class, () -> local.sfn.getExecutionHistory(b -> b.executionArn(execution)));
        assertThrows(ExecutionDoesNotExistException.class, () -> local.sfn.stopExecution(b -> b.executionArn(execution)));
        assertThrows(ExecutionDoesNotExistException.class,
                () -> local.sfn.describeStateMachineForExecution(b -> b.executionArn(execution)));
        InvalidArnException badArn = assertThrows(InvalidArnException.class,
                () -> local.sfn.describeExecution(b -> b.executionArn("invalid_state_machine_arn")));
        // Recorded on AWS (test_describe_execution_invalid_arn).
        assertEquals("Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'", badArn.awsErrorDetails().errorMessage());
    }

    @Test
    void describesTheStateMachineAnExecutionRan() {
        String machine = local.createMachine("for-execution", PASS);
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
        local.awaitEnd(arn);
        local.sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition(PASS.replace("argument1", "later")));
        DescribeStateMachineForExecutionResponse described = local.sfn.describeStateMachineForExecution(b -> b.executionArn(arn));
        assertEquals(machine, described.stateMachineArn());
        assertEquals("for-execution", described.name());
        assertEquals(PASS, described.definition());
        assertEquals(ROLE, described.roleArn());
        assertNotNull(described.updateDate());
    }

    @Test
    void startSyncExecutionAnswersWithTheResultOfAnExpressExecution() {
        String machine = local.sfn.createStateMachine(b -> b.name("sync").definition(PASS).roleArn(ROLE)
                .type(StateMachineType.EXPRESS)).stateMachineArn();
        StartSyncExecutionResponse response = local.sfn.startSyncExecution(b -> b.stateMachineArn(machine).name("now")
                .input("{\"x\": 1}"));
        assertEquals(SyncExecutionStatus.SUCCEEDED, response.status());
        assertEquals("{\"Arg1\":\"argument1\"}", response.output());
        assertEquals("{\"x\": 1}", response.input());
        assertEquals(machine, response.stateMachineArn());
        assertEquals("now", response.name());
        assertTrue(response.executionArn().startsWith("arn:aws:states:us-east-1:123456789012:express:sync:now:"),
                response.executionArn());
        assertEquals(64L, response.billingDetails().billedMemoryUsedInMB());
        assertTrue(response.billingDetails().billedDurationInMilliseconds() >= 100);

        String failing = local.sfn.createStateMachine(b -> b.name("sync-fails").roleArn(ROLE).type(StateMachineType.EXPRESS)
                .definition("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"E\", \"Cause\": \"c\"}}}"))
                .stateMachineArn();
        StartSyncExecutionResponse failed = local.sfn.startSyncExecution(b -> b.stateMachineArn(failing));
        assertEquals(SyncExecutionStatus.FAILED, failed.status());
        assertEquals("E", failed.error());
        assertEquals("c", failed.cause());
    }

    @Test
    void startSyncExecutionRefusesStandardMachines() {
        String machine = local.createMachine("not-express", PASS);
        StateMachineTypeNotSupportedException e = assertThrows(StateMachineTypeNotSupportedException.class,
                () -> local.sfn.startSyncExecution(b -> b.stateMachineArn(machine)));
        // Recorded on AWS (test_start_sync_execution).
        assertEquals("This operation is not supported by this type of state machine", e.awsErrorDetails().errorMessage());
    }

    private List<Long> ids(String arn, boolean reverse) {
        List<Long> ids = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = local.sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(3)
                    .reverseOrder(reverse).nextToken(next));
            assertTrue(page.events().size() <= 3);
            page.events().forEach(e -> ids.add(e.id()));
            token = page.nextToken();
        } while (token != null);
        return ids;
    }

    private void waitForEvents(String arn, int count) {
        long until = System.nanoTime() + 5_000_000_000L;
        while (local.sfn.getExecutionHistory(b -> b.executionArn(arn)).events().size() < count && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static HistoryEvent find(List<HistoryEvent> events, HistoryEventType type) {
        return events.stream().filter(e -> e.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }
}
