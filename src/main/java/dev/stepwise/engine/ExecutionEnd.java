package dev.stepwise.engine;

import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;

/**
 * An execution's end that no state of its definition decided: StopExecution, its TimeoutSeconds,
 * or the runtime's failure to run it on. It carries what the execution's record shows (status,
 * error, cause) and the last history event, so a runtime only stores them.
 */
public record ExecutionEnd(ExecutionStatus status, String error, String cause, HistoryEvent event) {

    /**
     * StopExecution: ExecutionAborted with StopExecution's {@code error} and {@code cause} (either
     * may be null), as AWS shows them in executionAbortedEventDetails.
     */
    public static ExecutionEnd aborted(String error, String cause) {
        return new ExecutionEnd(ExecutionStatus.ABORTED, error, cause,
                new HistoryEvent(EventType.ExecutionAborted, new EventDetails.ExecutionAborted(error, cause)));
    }

    /** The state machine's TimeoutSeconds passed: ExecutionTimedOut with States.Timeout. */
    public static ExecutionEnd timedOut() {
        String error = StatesError.TIMEOUT.aslName();
        return new ExecutionEnd(ExecutionStatus.TIMED_OUT, error, Causes.EXECUTION_TIMED_OUT,
                new HistoryEvent(EventType.ExecutionTimedOut, new EventDetails.ExecutionTimedOut(error, Causes.EXECUTION_TIMED_OUT)));
    }

    /**
     * The execution cannot go on for a reason outside its definition (the history limit, a
     * message that failed every delivery): ExecutionFailed with States.Runtime and {@code cause}.
     */
    public static ExecutionEnd failedByRuntime(String cause) {
        String error = StatesError.RUNTIME.aslName();
        return new ExecutionEnd(ExecutionStatus.FAILED, error, cause,
                new HistoryEvent(EventType.ExecutionFailed, new EventDetails.ExecutionFailed(error, cause)));
    }
}
