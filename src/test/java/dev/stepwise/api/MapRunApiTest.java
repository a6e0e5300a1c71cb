package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.ListMapRunsResponse;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Distributed Map runs through the durable runtime, driven by the real SfnClient: items as child
 * executions of a Map Run, DescribeMapRun, ListMapRuns, UpdateMapRun and ListExecutions by
 * mapRunArn. Shapes as recorded on AWS (LocalStack's test_sfn_api_map_run snapshot: the run's
 * state machine ARN is the machine's with "/label", its counts in executionCounts/itemCounts).
 */
class MapRunApiTest {
    private static final String DISTRIBUTED = """
            {"StartAt": "Items", "States": {"Items": {"Type": "Map", "Label": "Items", %s
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Work", "States": {"Work": %s}}, "End": true}}}""";
    private static final String CONTEXT = """
            {"Type": "Pass", "Parameters": {"item.$": "$", "execution.$": "$$.Execution.Id",
              "machine.$": "$$.StateMachine.Id"}, "End": true}""";
    private static final String CALLBACK = """
            {"Type": "Task", "Resource": "arn:aws:states:::test:echo.waitForTaskToken",
              "Parameters": {"item.$": "$", "TaskToken.$": "$$.Task.Token"}, "End": true}""";

    private static LocalSfn local;

    @BeforeAll
    static void start() {
        local = new LocalSfn(LocalSfn.Backend.DURABLE);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private String start(String name, String definition, String input) {
        String machine = local.createMachine(name, definition);
        return local.sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
    }

    private List<HistoryEvent> history(String arn) {
        return local.history(arn);
    }

    private List<String> types(String arn) {
        return local.types(arn);
    }

    private String mapRunArn(String parent) {
        return eventually(() -> history(parent).stream().filter(e -> e.mapRunStartedEventDetails() != null).findFirst()
                .map(e -> e.mapRunStartedEventDetails().mapRunArn()).orElse(null), arn -> arn != null, "MapRunStarted");
    }

    private List<ExecutionListItem> children(String mapRunArn) {
        return local.sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
    }

    /** The task token each running child's callback Task received, oldest child first. */
    private List<String> tokens(String mapRunArn, int expected) {
        return eventually(() -> children(mapRunArn).stream().map(child -> history(child.executionArn()).stream()
                        .filter(e -> e.taskSubmittedEventDetails() != null).findFirst()
                        .map(e -> Json.parse(e.taskSubmittedEventDetails().output()).get("TaskToken").asText()).orElse(null))
                        .filter(token -> token != null).toList(),
                tokens -> tokens.size() == expected, expected + " submitted callbacks");
    }

    private static <T> T eventually(java.util.function.Supplier<T> read, Predicate<T> done, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("never saw " + what + ": " + value);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = read.get();
        }
        return value;
    }

    @Test
    void itemsRunAsChildExecutionsOfAMapRunThatTheApiDescribesAndLists() {
        String parent = start("dmap-ok", DISTRIBUTED.formatted("\"MaxConcurrency\": 2,", CONTEXT), "[1, 2, 3]");
        DescribeExecutionResponse done = local.awaitEnd(parent);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
                "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"), types(parent));

        String machine = done.stateMachineArn();
        String mapRunArn = mapRunArn(parent);
        String labelled = machine + "/Items";
        assertTrue(mapRunArn.startsWith(machine.replace(":stateMachine:", ":mapRun:") + "/Items:"), mapRunArn);

        ListMapRunsResponse runs = local.sfn.listMapRuns(b -> b.executionArn(parent));
        assertEquals(1, runs.mapRuns().size());
        assertEquals(mapRunArn, runs.mapRuns().get(0).mapRunArn());
        assertEquals(parent, runs.mapRuns().get(0).executionArn());
        assertEquals(labelled, runs.mapRuns().get(0).stateMachineArn());
        assertNotNull(runs.mapRuns().get(0).stopDate());

        DescribeMapRunResponse run = local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertEquals(MapRunStatus.SUCCEEDED, run.status());
        assertEquals(parent, run.executionArn());
        assertEquals(2, run.maxConcurrency());
        assertEquals(0, run.toleratedFailureCount());
        assertEquals(0.0f, run.toleratedFailurePercentage());
        assertEquals(3, run.executionCounts().total());
        assertEquals(3, run.executionCounts().succeeded());
        assertEquals(0, run.executionCounts().running() + run.executionCounts().pending() + run.executionCounts().failed());
        assertEquals(3, run.itemCounts().total());
        assertTrue(!run.stopDate().isBefore(run.startDate()));

        List<ExecutionListItem> children = children(mapRunArn);
        assertEquals(3, children.size());
        for (ExecutionListItem child : children) {
            assertEquals(ExecutionStatus.SUCCEEDED, child.status());
            assertEquals(labelled, child.stateMachineArn());
            assertEquals(mapRunArn, child.mapRunArn());
            assertEquals(labelled.replace(":stateMachine:", ":execution:") + ":" + child.name(), child.executionArn());
            DescribeExecutionResponse described = local.sfn.describeExecution(b -> b.executionArn(child.executionArn()));
            assertEquals(mapRunArn, described.mapRunArn());
            // The child's context is its own: its ARN, and the labelled machine it runs.
            var output = Json.parse(described.output());
            assertEquals(child.executionArn(), output.get("execution").asText());
            assertEquals(labelled, output.get("machine").asText());
            assertEquals(described.input(), Json.write(output.get("item")));
            assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"),
                    types(child.executionArn()));
        }
        assertEquals(List.of("1", "2", "3"), Json.parse(done.output()).findValues("item").stream().map(Json::write).toList());
        var forChild = local.sfn.describeStateMachineForExecution(b -> b.executionArn(children.get(0).executionArn()));
        assertEquals(labelled, forChild.stateMachineArn());
        assertEquals(mapRunArn, forChild.mapRunArn());
        assertEquals("Items", forChild.label());
        // Children are listed by their run, not with the parent's machine.
        assertEquals(List.of(parent), local.sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().stream()
                .map(ExecutionListItem::executionArn).toList());
    }

    @Test
    void aFailedChildFailsTheRunWithTheToleratedFailureErrorAndStopsTheOthers() {
        String work = """
                {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 1, "Next": "Bad"}], "Default": "Slow"},
                  "Slow": {"Type": "Wait", "Seconds": 60, "End": true},
                  "Bad": {"Type": "Fail", "Error": "ItemError", "Cause": "item 1 is rejected"}""";
        String parent = start("dmap-fail", DISTRIBUTED.formatted("", work), "[1, 2, 3]");
        DescribeExecutionResponse done = local.awaitEnd(parent);
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("States.ExceedToleratedFailureThreshold", done.error());
        assertEquals("The specified tolerated failure threshold was exceeded", done.cause());
        HistoryEvent failed = history(parent).stream().filter(e -> e.typeAsString().equals("MapRunFailed")).findFirst().orElseThrow();
        assertEquals("States.ExceedToleratedFailureThreshold", failed.mapRunFailedEventDetails().error());

        String mapRunArn = mapRunArn(parent);
        DescribeMapRunResponse run = local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertEquals(MapRunStatus.FAILED, run.status());
        assertEquals(1, run.executionCounts().failed());
        // AWS aborts the children still running when their run fails.
        List<ExecutionListItem> aborted = eventually(() -> local.sfn.listExecutions(b -> b.mapRunArn(mapRunArn)
                .statusFilter(ExecutionStatus.ABORTED)).executions(), list -> list.size() == 2, "2 aborted children");
        assertEquals(2, aborted.size());
        ExecutionListItem bad = local.sfn.listExecutions(b -> b.mapRunArn(mapRunArn).statusFilter(ExecutionStatus.FAILED))
                .executions().get(0);
        DescribeExecutionResponse child = local.sfn.describeExecution(b -> b.executionArn(bad.executionArn()));
        assertEquals("ItemError", child.error());
        assertEquals("item 1 is rejected", child.cause());
    }

    @Test
    void updateMapRunStartsMoreChildrenAndToleratesMoreFailures() {
        String parent = start("dmap-update", DISTRIBUTED.formatted("\"MaxConcurrency\": 1,", CALLBACK), "[1, 2, 3]");
        String mapRunArn = mapRunArn(parent);
        List<String> first = tokens(mapRunArn, 1);
        assertEquals(1, children(mapRunArn).size(), "MaxConcurrency 1 starts one child");
        DescribeMapRunResponse before = local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertEquals(MapRunStatus.RUNNING, before.status());
        assertEquals(1, before.executionCounts().running());
        assertEquals(2, before.executionCounts().pending());

        local.sfn.updateMapRun(b -> b.mapRunArn(mapRunArn).maxConcurrency(3).toleratedFailureCount(1L));
        List<String> all = tokens(mapRunArn, 3);
        assertTrue(all.containsAll(first));
        DescribeMapRunResponse updated = local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertEquals(3, updated.maxConcurrency());
        assertEquals(1, updated.toleratedFailureCount());

        local.sfn.sendTaskFailure(b -> b.taskToken(all.get(0)).error("ItemError").cause("one is tolerated"));
        local.sfn.sendTaskSuccess(b -> b.taskToken(all.get(1)).output("{\"ok\": 2}"));
        local.sfn.sendTaskSuccess(b -> b.taskToken(all.get(2)).output("{\"ok\": 3}"));
        DescribeExecutionResponse done = local.awaitEnd(parent);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        assertEquals(1, done.output().split("\"Error\":\"ItemError\"", -1).length - 1, done.output());
        DescribeMapRunResponse after = local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertEquals(MapRunStatus.SUCCEEDED, after.status());
        assertEquals(1, after.executionCounts().failed());
        assertEquals(2, after.executionCounts().succeeded());
    }

    @Test
    void stoppingTheParentAbortsItsRunAndTheRunningChildren() {
        String parent = start("dmap-stop", DISTRIBUTED.formatted("", CALLBACK), "[1, 2]");
        String mapRunArn = mapRunArn(parent);
        tokens(mapRunArn, 2);
        local.sfn.stopExecution(b -> b.executionArn(parent));
        List<ExecutionListItem> aborted = eventually(() -> local.sfn.listExecutions(b -> b.mapRunArn(mapRunArn)
                .statusFilter(ExecutionStatus.ABORTED)).executions(), list -> list.size() == 2, "2 aborted children");
        assertEquals(2, aborted.size());
        DescribeMapRunResponse run = local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
        assertEquals(MapRunStatus.ABORTED, run.status());
        assertNotNull(run.stopDate());
        assertEquals(2, run.executionCounts().aborted());
    }

    @Test
    void redrivingTheParentRedrivesTheFailedChildOnlyAndTheRunSucceeds() {
        String parent = start("dmap-redrive", DISTRIBUTED.formatted("", CALLBACK), "[1, 2]");
        String mapRunArn = mapRunArn(parent);
        List<String> tokens = tokens(mapRunArn, 2);
        local.sfn.sendTaskSuccess(b -> b.taskToken(tokens.get(0)).output("\"first\""));
        local.sfn.sendTaskFailure(b -> b.taskToken(tokens.get(1)).error("ItemError").cause("try again"));
        assertEquals(ExecutionStatus.FAILED, local.awaitEnd(parent).status());
        ExecutionListItem failedChild = local.sfn.listExecutions(b -> b.mapRunArn(mapRunArn)
                .statusFilter(ExecutionStatus.FAILED)).executions().get(0);

        local.sfn.redriveExecution(b -> b.executionArn(parent));
        // The failed child runs its callback again (a new token); the one that succeeded is not run again.
        String again = eventually(() -> history(failedChild.executionArn()).stream()
                .filter(e -> e.taskSubmittedEventDetails() != null)
                .map(e -> Json.parse(e.taskSubmittedEventDetails().output()).get("TaskToken").asText())
                .filter(token -> !token.equals(tokens.get(1))).findFirst().orElse(null), token -> token != null, "a new token");
        local.sfn.sendTaskSuccess(b -> b.taskToken(again).output("\"second\""));
        DescribeExecutionResponse done = local.awaitEnd(parent);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        // Results keep item order: the redriven child's item (1 or 2) has the second answer.
        int redrivenItem = Integer.parseInt(local.sfn.describeExecution(b -> b.executionArn(failedChild.executionArn())).input());
        assertEquals(redrivenItem == 2 ? "[\"first\",\"second\"]" : "[\"second\",\"first\"]", done.output());
        assertEquals(1, local.sfn.describeExecution(b -> b.executionArn(failedChild.executionArn())).redriveCount());
        assertEquals(2, children(mapRunArn).size(), "no new child: the failed one was redriven");
        assertEquals(MapRunStatus.SUCCEEDED, local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)).status());
    }

    @Test
    void mapRunActionsAnswerBadInputWithAwsErrors() {
        String unknown = "arn:aws:states:us-east-1:123456789012:mapRun:nothing/Items:0b1c2d3e-0000-4000-8000-000000000000";
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> local.sfn.describeMapRun(b -> b.mapRunArn(unknown)));
        assertEquals("ResourceNotFound", missing.awsErrorDetails().errorCode());
        assertThrows(ResourceNotFoundException.class, () -> local.sfn.updateMapRun(b -> b.mapRunArn(unknown).maxConcurrency(1)));
        assertThrows(InvalidArnException.class, () -> local.sfn.describeMapRun(b -> b.mapRunArn("arn:aws:states:us-east-1:123456789012:execution:a:b")));
        assertThrows(ExecutionDoesNotExistException.class, () -> local.sfn.listMapRuns(
                b -> b.executionArn("arn:aws:states:us-east-1:123456789012:execution:nothing:here")));
        SfnException percentage = assertThrows(SfnException.class,
                () -> local.sfn.updateMapRun(b -> b.mapRunArn(unknown).toleratedFailurePercentage(150f)));
        assertEquals("ValidationException", percentage.awsErrorDetails().errorCode());
        SfnException both = assertThrows(SfnException.class, () -> local.sfn.listExecutions(b -> b.mapRunArn(unknown)
                .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:nothing")));
        assertEquals("ValidationException", both.awsErrorDetails().errorCode());
        assertThrows(ResourceNotFoundException.class, () -> local.sfn.listExecutions(b -> b.mapRunArn(unknown)));
    }
}
