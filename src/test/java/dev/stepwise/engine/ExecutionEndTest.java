package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events of executions that no step of the definition writes: stopped, timed out, failed by the runtime, redriven. */
class ExecutionEndTest {

    @Test
    void aStoppedExecutionEndsAbortedWithExecutionAbortedCarryingStopExecutionsErrorAndCause() {
        // API reference, ExecutionAbortedEventDetails: error and cause, both optional.
        assertEquals(new ExecutionEnd(ExecutionStatus.ABORTED, "User.Stop", "enough",
                new HistoryEvent(EventType.ExecutionAborted, new EventDetails.ExecutionAborted("User.Stop", "enough"))),
                ExecutionEnd.aborted("User.Stop", "enough"));
        assertEquals(new HistoryEvent(EventType.ExecutionAborted, new EventDetails.ExecutionAborted(null, null)),
                ExecutionEnd.aborted(null, null).event());
        assertEquals("executionAbortedEventDetails", ExecutionEnd.aborted(null, null).event().details().awsField());
    }

    @Test
    void anExecutionPastItsTimeoutSecondsEndsWithExecutionTimedOutAndStatesTimeout() {
        // AWS "Error handling": States.Timeout when an execution runs longer than its TimeoutSeconds.
        assertEquals(new ExecutionEnd(ExecutionStatus.TIMED_OUT, "States.Timeout", "The execution timed out",
                new HistoryEvent(EventType.ExecutionTimedOut, new EventDetails.ExecutionTimedOut("States.Timeout",
                        "The execution timed out"))), ExecutionEnd.timedOut());
    }

    @Test
    void anExecutionTheRuntimeCannotRunOnFailsWithStatesRuntimeAndTheGivenCause() {
        assertEquals(new ExecutionEnd(ExecutionStatus.FAILED, "States.Runtime", "why",
                new HistoryEvent(EventType.ExecutionFailed, new EventDetails.ExecutionFailed("States.Runtime", "why"))),
                ExecutionEnd.failedByRuntime("why"));
    }

    @Test
    void aRedrivenExecutionGoesOnWithExecutionRedrivenCountingTheRedrive() {
        // API reference, ExecutionRedrivenEventDetails: redriveCount, "the number of times the execution has been redriven".
        assertEquals(new HistoryEvent(EventType.ExecutionRedriven, new EventDetails.ExecutionRedriven(2)), Engine.redriven(2));
    }

    private static StepResult resultOf(EventType... types) {
        List<HistoryEvent> events = new ArrayList<>();
        for (EventType type : types) {
            events.add(new HistoryEvent(type, EventDetails.None.INSTANCE));
        }
        return new StepResult(new Outcome.FrameSucceeded(Json.object()), events, 1, StepResult.EventIdUse.NONE);
    }

    @Test
    void eventsBelowTheHistoryLimitAreRecordedAsTheyAre() {
        HistoryLimit limit = new HistoryLimit(10);
        assertTrue(limit.check(resultOf(EventType.PassStateEntered, EventType.PassStateExited), 8).isEmpty(), "ids 8 and 9");
    }

    @Test
    void anExecutionSucceededEventAtTheLimitEndsTheExecutionSuccessfully() {
        // AWS quotas: "If the event number 25,000 is ExecutionSucceeded, the execution finishes successfully."
        assertTrue(new HistoryLimit(10).check(resultOf(EventType.SucceedStateExited, EventType.ExecutionSucceeded), 9).isEmpty());
    }

    @Test
    void anyOtherEventAtTheLimitIsReplacedByExecutionFailed() {
        // AWS quotas: "If the event number 25,000 isn't ExecutionSucceeded, the ExecutionFailed event is logged".
        HistoryLimit.Reached reached = new HistoryLimit(10).check(
                resultOf(EventType.PassStateExited, EventType.PassStateEntered, EventType.PassStateExited), 9).orElseThrow();
        assertEquals(List.of(EventType.PassStateExited, EventType.ExecutionFailed), reached.events().stream().map(HistoryEvent::type).toList());
        assertEquals(ExecutionEnd.failedByRuntime("The execution reached the maximum number of history events (10)."), reached.end());
        assertEquals(reached.end().event(), reached.events().get(1));
    }

    @Test
    void aStepThatStartsPastTheLimitRecordsOnlyExecutionFailed() {
        HistoryLimit.Reached reached = new HistoryLimit(10).check(resultOf(EventType.PassStateEntered), 12).orElseThrow();
        assertEquals(Collections.singletonList(EventType.ExecutionFailed), reached.events().stream().map(HistoryEvent::type).toList());
    }
}
