package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Executions as wholes: their start, their header (status and result), and listings of them. */
public interface Headers {

    /** Writes the start record unless one exists for its ARN (the per-ARN check); true when this call wrote it. */
    boolean putStart(StartRecord start);

    Optional<StartRecord> start(String executionArn);

    /** Writes the header the start record describes, unless it exists; true when this call wrote it. */
    boolean create(StartRecord start);

    Optional<ExecutionHeader> header(String executionArn);

    /** The headers of these executions that exist, by ARN (a Map Run's children, read a page at a time). */
    default java.util.Map<String, ExecutionHeader> headers(java.util.List<String> executionArns) {
        java.util.Map<String, ExecutionHeader> found = new java.util.HashMap<>();
        for (String arn : executionArns) {
            header(arn).ifPresent(header -> found.put(arn, header));
        }
        return found;
    }

    /**
     * Moves a RUNNING execution to a terminal status; false when it was not RUNNING.
     * {@code listedUnder} is the header's: the status listing moves with the status.
     */
    boolean finish(String executionArn, String listedUnder, ExecutionStatus status, Instant stopDate, JsonNode output,
                   String error, String cause);

    /**
     * Moves an execution that ended with status {@code from} and has been redriven
     * {@code redriveCount} times back to RUNNING: clears its stop date, output, error and cause,
     * counts the redrive and records its date and clientToken. False when the header changed.
     */
    boolean redrive(String executionArn, String listedUnder, ExecutionStatus from, int redriveCount, Instant now,
                    String clientToken);

    /** Executions listed under a state machine (or run by a Map Run), newest first, optionally of one status. */
    HeaderPage list(String stateMachineArn, ExecutionStatus status, String position, int limit);

    /** ARNs of the RUNNING executions (a scan: for a local runner's recovery, not for the cloud). */
    List<String> running();

    /** ARNs of starts that never got their header (a scan: for a local runner's recovery). */
    List<String> unstarted();
}
