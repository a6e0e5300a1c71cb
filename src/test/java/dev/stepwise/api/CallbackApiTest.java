package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;

/**
 * The callback pattern, child executions and activities through the durable runtime, driven by
 * the real SfnClient. Expected events, errors and causes are those recorded on AWS (LocalStack's
 * test_callback, test_heartbeats, test_activities and test_sfn_task_service snapshots).
 */
class CallbackApiTest {
    private static final String CALLBACK = """
            {"StartAt": "Wait", "States": {"Wait": {"Type": "Task",
              "Resource": "arn:aws:states:::test:echo.waitForTaskToken",
              "Parameters": {"Message.$": "$.message", "TaskToken.$": "$$.Task.Token"}%s, "End": true}}}""";

    private static LocalSfn local;

    @BeforeAll
    static void start() {
        local = new LocalSfn(LocalSfn.Backend.DURABLE);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private String run(String name, String definition, String input) {
        String machine = local.createMachine(name, definition);
        return local.sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
    }

    private List<HistoryEvent> history(String arn) {
        return local.history(arn);
    }

    private List<String> types(String arn) {
        return local.types(arn);
    }

    /** Waits for the task to be submitted and returns the token the task received in its parameters. */
    private String token(String arn) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            for (HistoryEvent event : history(arn)) {
                if (event.typeAsString().equals("TaskSubmitted")) {
                    return Json.parse(event.taskSubmittedEventDetails().output()).get("TaskToken").asText();
                }
            }
            sleep(20);
        }
        throw new AssertionError("the task was never submitted: " + types(arn));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void sendTaskSuccessResumesTheExecutionWithTheOutput() {
        String arn = run("callback-ok", CALLBACK.formatted(""), "{\"message\": \"hi\"}");
        String token = token(arn);
        assertTrue(token.length() >= 22 && token.length() <= 2048, token);
        assertEquals(ExecutionStatus.RUNNING, local.sfn.describeExecution(b -> b.executionArn(arn)).status());
        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("\"test_message_txt\""));
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("\"test_message_txt\"", done.output());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"), types(arn));
        HistoryEvent submitted = history(arn).get(4);
        assertEquals("echo.waitForTaskToken", submitted.taskSubmittedEventDetails().resource());
        assertEquals("test", submitted.taskSubmittedEventDetails().resourceType());
        List<Long> ids = history(arn).stream().map(HistoryEvent::id).toList();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), ids);
        // "The task token has either expired or the task associated with the token has already been closed."
        TaskTimedOutException again = assertThrows(TaskTimedOutException.class,
                () -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
        assertEquals("TaskTimedOut", again.awsErrorDetails().errorCode());
    }

    @Test
    void sendTaskFailureFailsTheTaskWithTheGivenErrorAndCause() {
        String arn = run("callback-fail", CALLBACK.formatted(""), "{\"message\": \"hi\"}");
        String token = token(arn);
        local.sfn.sendTaskFailure(b -> b.taskToken(token).error("Failure error").cause("Failure cause"));
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("Failure error", done.error());
        assertEquals("Failure cause", done.cause());
        HistoryEvent failed = history(arn).get(5);
        assertEquals("TaskFailed", failed.typeAsString());
        assertEquals("Failure error", failed.taskFailedEventDetails().error());
    }

    @Test
    void aFailureWithoutErrorOrCauseIsCaughtByStatesAllWithNulls() {
        String definition = """
                {"StartAt": "Wait", "States": {"Wait": {"Type": "Task",
                  "Resource": "arn:aws:states:::test:echo.waitForTaskToken",
                  "Parameters": {"Message.$": "$.message", "TaskToken.$": "$$.Task.Token"},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught", "Next": "Done"}], "Next": "Done"},
                 "Done": {"Type": "Pass", "End": true}}}""";
        String arn = run("callback-fail-empty", definition, "{\"message\": \"hi\"}");
        String token = token(arn);
        local.sfn.sendTaskFailure(b -> b.taskToken(token));
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), types(arn).toString());
        JsonNode caught = Json.parse(done.output()).get("caught");
        assertTrue(caught.get("Error").isNull(), caught.toString());
        assertTrue(caught.get("Cause").isNull(), caught.toString());
        HistoryEvent failed = history(arn).get(5);
        assertNull(failed.taskFailedEventDetails().error());
        assertNull(failed.taskFailedEventDetails().cause());
    }

    @Test
    void aMissedHeartbeatTimesTheTaskOutWithStatesTimeout() {
        String arn = run("callback-heartbeat", CALLBACK.formatted(", \"HeartbeatSeconds\": 1"), "{\"message\": \"hi\"}");
        token(arn);
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.FAILED, done.status());
        // Recorded on AWS: a heartbeat timeout is States.Timeout, with no cause.
        assertEquals("States.Timeout", done.error());
        assertNull(done.cause());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskTimedOut", "ExecutionFailed"), types(arn));
        assertEquals("States.Timeout", history(arn).get(5).taskTimedOutEventDetails().error());
    }

    @Test
    void heartbeatsKeepATaskAliveUntilItSucceeds() {
        String arn = run("callback-beats", CALLBACK.formatted(", \"HeartbeatSeconds\": 3"), "{\"message\": \"hi\"}");
        String token = token(arn);
        local.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        for (int i = 0; i < 5; i++) {
            sleep(1000);
            local.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        }
        local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"done\": true}"));
        assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(arn).status(), types(arn).toString());
        assertFalse(types(arn).contains("TaskTimedOut"));
    }

    @Test
    void tokensThatAreNotOursAreInvalid() {
        String arn = run("callback-forged", CALLBACK.formatted(""), "{\"message\": \"hi\"}");
        String token = token(arn);
        InvalidTokenException garbage = assertThrows(InvalidTokenException.class,
                () -> local.sfn.sendTaskSuccess(b -> b.taskToken("not-a-token").output("{}")));
        assertEquals("InvalidToken", garbage.awsErrorDetails().errorCode());
        String forged = token.substring(0, token.indexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA";
        assertThrows(InvalidTokenException.class, () -> local.sfn.sendTaskHeartbeat(b -> b.taskToken(forged)));
        local.sfn.stopExecution(b -> b.executionArn(arn));
        assertThrows(TaskTimedOutException.class, () -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
        assertEquals(ExecutionStatus.ABORTED, local.awaitEnd(arn).status());
    }

    @Test
    void aTimeoutSecondsTaskTimesOutAndItsTokenIsThenRejected() {
        String arn = run("callback-timeout", CALLBACK.formatted(", \"TimeoutSeconds\": 1"), "{\"message\": \"hi\"}");
        String token = token(arn);
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals("States.Timeout", done.error());
        assertEquals(1L, history(arn).get(2).taskScheduledEventDetails().timeoutInSeconds());
        assertThrows(TaskTimedOutException.class, () -> local.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")));
    }

    // ---- child executions ---------------------------------------------------------------------

    private static final String CHILD_OK = """
            {"StartAt": "S", "States": {"S": {"Type": "Pass", "Result": {"Arg1": "argument1"}, "End": true}}}""";
    private static final String CHILD_FAIL = """
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "SomeFailure",
              "Cause": "This state machines raises a 'SomeFailure' failure."}}}""";

    private static String parent(String resource, String childArn) {
        return """
                {"StartAt": "StartExecution", "States": {"StartExecution": {"Type": "Task", "Resource": "%s",
                  "Parameters": {"StateMachineArn": "%s", "Input": {}, "Name": "TestStartTarget"}, "End": true}}}"""
                .formatted(resource, childArn);
    }

    @Test
    void startExecutionSyncTwoReturnsTheChildsDescriptionWithJsonOutput() {
        String child = local.createMachine("child-ok", CHILD_OK);
        String arn = run("parent-sync2", parent("arn:aws:states:::states:startExecution.sync:2", child), "{}");
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), types(arn).toString());
        JsonNode output = Json.parse(done.output());
        assertEquals("SUCCEEDED", output.get("Status").asText());
        assertEquals(Json.parse("{\"Arg1\":\"argument1\"}"), output.get("Output"));
        assertEquals("TestStartTarget", output.get("Name").asText());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"), types(arn));
        // The child is an execution like any other.
        String childArn = output.get("ExecutionArn").asText();
        assertEquals(ExecutionStatus.SUCCEEDED, local.sfn.describeExecution(b -> b.executionArn(childArn)).status());
    }

    @Test
    void startExecutionSyncGivesOutputAsTextAndAFailedChildFailsTheTask() {
        String ok = local.createMachine("child-ok-1", CHILD_OK);
        String arn = run("parent-sync", parent("arn:aws:states:::states:startExecution.sync", ok), "{}");
        JsonNode output = Json.parse(local.awaitEnd(arn).output());
        assertEquals("{\"Arg1\":\"argument1\"}", output.get("Output").asText());
        assertEquals("{}", output.get("Input").asText());

        String failing = local.createMachine("child-fail", CHILD_FAIL);
        String failedArn = run("parent-sync-fail", parent("arn:aws:states:::states:startExecution.sync", failing), "{}");
        DescribeExecutionResponse failed = local.awaitEnd(failedArn);
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals("States.TaskFailed", failed.error());
        JsonNode cause = Json.parse(failed.cause());
        assertEquals("SomeFailure", cause.get("Error").asText());
        assertEquals("This state machines raises a 'SomeFailure' failure.", cause.get("Cause").asText());
        assertEquals("FAILED", cause.get("Status").asText());
        assertFalse(cause.has("Output"));
    }

    @Test
    void startExecutionWithoutSyncReturnsTheArnAndAMissingMachineIsAnSdkError() {
        String child = local.createMachine("child-rr", CHILD_OK);
        String arn = run("parent-rr", parent("arn:aws:states:::states:startExecution", child), "{}");
        JsonNode output = Json.parse(local.awaitEnd(arn).output());
        assertTrue(output.get("ExecutionArn").asText().endsWith(":child-rr:TestStartTarget"), output.toString());
        assertTrue(output.get("StartDate").isNumber());
        // As recorded on AWS: the StartExecution response with SDK 1.x's response metadata.
        assertEquals(List.of("ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata", "StartDate"),
                iterable(output.fieldNames()));
        assertEquals(200, output.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertEquals(output.at("/SdkResponseMetadata/RequestId"), output.at("/SdkHttpMetadata/HttpHeaders/x-amzn-RequestId"));

        String missing = child.replace("child-rr", "no-such-machine");
        String failedArn = run("parent-missing", parent("arn:aws:states:::states:startExecution", missing), "{}");
        DescribeExecutionResponse failed = local.awaitEnd(failedArn);
        assertEquals("StepFunctions.StateMachineDoesNotExistException", failed.error());
        assertTrue(failed.cause().startsWith("State Machine Does Not Exist: '" + missing + "' (Service: AWSStepFunctions; "
                + "Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: "), failed.cause());
    }

    // ---- activities ---------------------------------------------------------------------------

    private static String activityMachine(String activityArn, String extra) {
        return """
                {"StartAt": "ActivityTask", "States": {"ActivityTask": {"Type": "Task", "Resource": "%s"%s, "End": true}}}"""
                .formatted(activityArn, extra);
    }

    @Test
    void anActivityWorkerTakesTheTaskAndCompletesIt() throws Exception {
        String activity = local.sfn.createActivity(b -> b.name("worker-activity")).activityArn();
        assertEquals(activity, local.sfn.createActivity(b -> b.name("worker-activity")).activityArn());
        assertEquals("worker-activity", local.sfn.describeActivity(b -> b.activityArn(activity)).name());
        assertTrue(local.sfn.listActivities(b -> b.maxResults(1000)).activities().stream()
                .anyMatch(a -> a.activityArn().equals(activity)));
        CompletableFuture<GetActivityTaskResponse> poll = CompletableFuture.supplyAsync(() ->
                local.sfn.getActivityTask(b -> b.activityArn(activity).workerName("BASE_ID_ACTIVITY_CONSUMER")));
        String arn = run("activity-ok", activityMachine(activity, ""), "{\"Value1\": \"HelloWorld\"}");
        GetActivityTaskResponse task = poll.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(Json.parse("{\"Value1\": \"HelloWorld\"}"), Json.parse(task.input()));
        local.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"worked\": true}"));
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals("{\"worked\":true}", done.output());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"), types(arn));
        assertEquals("BASE_ID_ACTIVITY_CONSUMER", history(arn).get(3).activityStartedEventDetails().workerName());
    }

    @Test
    void anActivityNobodyTakesTimesOutAndAMissingOneFailsTheState() {
        String activity = local.sfn.createActivity(b -> b.name("idle-activity")).activityArn();
        String arn = run("activity-timeout", activityMachine(activity, ", \"TimeoutSeconds\": 1"), "{}");
        DescribeExecutionResponse done = local.awaitEnd(arn);
        assertEquals("States.Timeout", done.error());
        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityTimedOut", "ExecutionFailed"),
                types(arn));

        String gone = local.sfn.createActivity(b -> b.name("gone-activity")).activityArn();
        local.sfn.deleteActivity(b -> b.activityArn(gone));
        local.sfn.deleteActivity(b -> b.activityArn(gone)); // recorded on AWS: deleting twice succeeds
        ActivityDoesNotExistException missing = assertThrows(ActivityDoesNotExistException.class,
                () -> local.sfn.describeActivity(b -> b.activityArn(gone)));
        assertEquals("Activity Does Not Exist: '" + gone + "'", missing.awsErrorDetails().errorMessage());
        String failedArn = run("activity-missing", activityMachine(gone, ""), "{}");
        DescribeExecutionResponse failed = local.awaitEnd(failedArn);
        assertEquals("States.Runtime", failed.error());
        assertEquals("An error occurred while executing the state 'ActivityTask' (entered at the event id #2). The activity "
                + gone + " does not exist.", failed.cause());
    }
}
