package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a Task waits for after its call. AWS "Discover service integration patterns": Request
 * Response returns at once, Run a Job ({@code .sync}) waits for the job (a child execution),
 * Wait for a Callback ({@code .waitForTaskToken}) waits for SendTaskSuccess/Failure; AWS
 * "Learn about Activities": an activity task waits for a worker.
 */
class TaskWaitTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    @ParameterizedTest(name = "{0} waits for {1}")
    @CsvSource({
            "arn:aws:states:::lambda:invoke, NONE",
            "arn:aws:lambda:us-east-1:123456789012:function:Hello, NONE",
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken, TOKEN",
            "arn:aws:states:::lambda:invoke.waitForTaskToken, TOKEN",
            "arn:aws:states:::states:startExecution, NONE",
            "arn:aws:states:::states:startExecution.sync, CHILD",
            "arn:aws:states:::states:startExecution.sync:2, CHILD_JSON",
            "arn:aws:states:::states:startExecution.waitForTaskToken, TOKEN",
            "arn:aws:states:us-east-1:123456789012:activity:Work, ACTIVITY",
    })
    void aTaskWaitsForWhatItsResourceAndPatternSay(String arn, TaskWait expected) {
        assertEquals(expected, TaskWait.of(TaskResource.of(arn, "us-east-1"), TaskResource.Pattern.of(arn), false));
    }

    @ParameterizedTest(name = "mocked {0} waits for nothing")
    @CsvSource({
            "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "arn:aws:states:::states:startExecution.sync",
            "arn:aws:states:us-east-1:123456789012:activity:Work",
    })
    void aMockedAnswerWaitsForNothing(String arn) {
        assertEquals(TaskWait.NONE, TaskWait.of(TaskResource.of(arn, "us-east-1"), TaskResource.Pattern.of(arn), true));
    }

    @Test
    void callbacksAndChildExecutionsRecordTheirSubmissionButActivitiesDoNot() {
        assertEquals(List.of(TaskWait.TOKEN, TaskWait.CHILD, TaskWait.CHILD_JSON),
                List.of(TaskWait.values()).stream().filter(TaskWait::submits).toList());
        assertEquals(2, TaskWait.TOKEN.submittedEvents());
        assertEquals(0, TaskWait.ACTIVITY.submittedEvents());
        assertEquals(0, TaskWait.NONE.submittedEvents());
        assertTrue(TaskWait.CHILD_JSON.isChild());
        assertFalse(TaskWait.TOKEN.isChild());
    }

    private static StepResult enterCall(Engine engine, String resource) {
        StateMachine machine = new StateMachineParser().parse("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s", "End": true}}}""".formatted(resource));
        return engine.step(machine, FixtureExecution.info(Json.object()), new Step.Enter(Frame.ROOT, "Call", Json.object()), NOW, 2,
                new SplittableRandom(1), () -> "token");
    }

    @Test
    void theOutcomeOfACallbackTaskSaysItWaitsForItsTokenAndReservesIdsForItsSubmission() {
        StepResult result = enterCall(new Engine(EngineOptions.defaults()), "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
        Outcome.RunTask task = assertInstanceOf(Outcome.RunTask.class, result.outcome());
        assertEquals(TaskWait.TOKEN, task.waitsFor());
        assertEquals(List.of(EventType.TaskStateEntered, EventType.TaskScheduled), result.events().stream().map(HistoryEvent::type).toList());
        assertEquals(4, result.eventsToReserve(), "its two events, then TaskStarted and TaskSubmitted");
    }

    @Test
    void anEngineWhoseRuntimeMocksATaskLetsItWaitForNothing() {
        Engine mocking = new Engine(EngineOptions.defaults(), request -> request.stateName().equals("Call"));
        StepResult result = enterCall(mocking, "arn:aws:states:::states:startExecution.sync:2");
        assertEquals(TaskWait.NONE, ((Outcome.RunTask) result.outcome()).waitsFor());
        assertEquals(2, result.eventsToReserve());
    }

    @Test
    void aSubmittedChildExecutionRecordsTaskStartedThenTaskSubmittedWithTheResponse() {
        // Recorded on AWS (test_sfn_task_service, startExecution.sync): TaskStarted, then TaskSubmitted
        // whose output is the StartExecution response; resource keeps the pattern's suffix.
        Outcome.RunTask task = (Outcome.RunTask) enterCall(new Engine(EngineOptions.defaults()),
                "arn:aws:states:::states:startExecution.sync").outcome();
        var response = Json.parse("{\"ExecutionArn\":\"arn:aws:states:us-east-1:123456789012:execution:Child:c1\"}");
        assertEquals(List.of(
                new HistoryEvent(EventType.TaskStarted, new EventDetails.TaskStarted("states", "startExecution.sync")),
                new HistoryEvent(EventType.TaskSubmitted, new EventDetails.TaskSubmitted("states", "startExecution.sync", response))),
                Engine.taskSubmitted(task, response));
    }

    @Test
    void anActivityThatDoesNotExistFailsItsStateWithStatesRuntimeNamingIt() {
        String activity = "arn:aws:states:us-east-1:123456789012:activity:Missing";
        Outcome.RunTask task = (Outcome.RunTask) enterCall(new Engine(EngineOptions.defaults()), activity).outcome();
        assertEquals(TaskWait.ACTIVITY, task.waitsFor());
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, Engine.activityDoesNotExist(task));
        assertEquals("States.Runtime", failed.error());
        // Recorded on AWS: the cause names the state, its entered event id and the activity.
        assertEquals("An error occurred while executing the state 'Call' (entered at the event id #2). The activity "
                + activity + " does not exist.", failed.cause());
        assertEquals(Resumption.TaskStart.RECORDED, failed.start());
    }
}
