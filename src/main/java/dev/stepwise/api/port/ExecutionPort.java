package dev.stepwise.api.port;

import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * What the execution actions need from the runtime. The API validates every request first
 * (names, input, ARNs, the machine's existence); the port stores and runs.
 */
public interface ExecutionPort {

    /** What {@link #start} did: started {@code execution}, or found one with the same ARN and left it alone. */
    record Started(ExecutionRecord execution, boolean created) {
    }

    /**
     * Writes the execution (status RUNNING, ExecutionStarted event) and sets it running, unless
     * an execution with the same ARN exists: then returns that one. Must be atomic per ARN
     * (a conditional put), since AWS's name idempotency depends on it.
     */
    Started start(NewExecution execution);

    Optional<ExecutionRecord> find(String executionArn);

    /** The state machine revision the execution runs (as it was when the execution started). */
    Optional<StateMachineRecord> stateMachineOf(String executionArn);

    /**
     * Executions of one state machine (all its versions), newest first as AWS lists them,
     * optionally only those with {@code status} (null for all), starting after {@code position}.
     */
    Page<ExecutionRecord> list(String stateMachineArn, ExecutionStatus status, String position, int limit);

    /**
     * Stops a RUNNING execution: status ABORTED, an ExecutionAborted event with {@code error} and
     * {@code cause} (either may be null), stop date {@code now}. An execution that already ended
     * is returned unchanged. Empty when there is no such execution.
     */
    Optional<ExecutionRecord> stop(String executionArn, String error, String cause, Instant now);

    /**
     * Waits until the execution has ended or {@code limit} has passed; returns its record then.
     * StartSyncExecution uses it. It must not spin: it waits to be told the execution ended, or
     * looks again after a pause.
     */
    Optional<ExecutionRecord> awaitEnd(String executionArn, java.time.Duration limit);

    /** RedriveExecution refused: the message says why (AWS's redriveStatusReason wording where it has one). */
    final class NotRedrivable extends RuntimeException {
        public NotRedrivable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * RedriveExecution: restarts an execution that ended unsuccessfully from its unsuccessful
     * states; repeated with the same {@code clientToken} it changes nothing and answers the same.
     * Returns the execution after the redrive; empty when there is no such execution; throws
     * {@link NotRedrivable} when it may not be redriven.
     */
    Optional<ExecutionRecord> redrive(String executionArn, String clientToken);

    /** Whether this port can redrive at all (DescribeExecution's redriveStatus says so). */
    default boolean redrives() {
        return true;
    }

    /** History events in id order (or reversed), starting after {@code position}. */
    Page<StoredEvent> history(String executionArn, boolean reverseOrder, String position, int limit);

    /** DescribeMapRun: empty when there is no such Map Run (a backend that runs Distributed Maps inline has none). */
    default Optional<MapRunRecord> mapRun(String mapRunArn) {
        return Optional.empty();
    }

    /** ListMapRuns: the Map Runs an execution started, in the order they started. */
    default java.util.List<MapRunRecord> mapRuns(String executionArn) {
        return java.util.List.of();
    }

    /**
     * UpdateMapRun: new settings for the rest of a running Map Run (null leaves one unchanged).
     * Empty when there is no such Map Run.
     */
    default Optional<MapRunRecord> updateMapRun(String mapRunArn, Integer maxConcurrency, Long toleratedFailureCount,
                                                Double toleratedFailurePercentage) {
        return Optional.empty();
    }
}
