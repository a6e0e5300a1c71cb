package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's port to its durable state. Every write is a single-item conditional write (no
 * transactions): creating an item succeeds once, counters are atomic, status changes are guarded
 * by the expected status. See {@link DynamoExecutionStore} for the key schema.
 */
public interface ExecutionStore {

    void putStateMachine(StateMachineRecord machine);

    Optional<StateMachineRecord> stateMachine(String arn);

    /** Writes the header and the input; false when an execution with this ARN exists. */
    boolean createExecution(ExecutionHeader header, JsonNode input);

    /** Header, step item and {@code others} (those that exist), and the input when {@code withInput}. */
    Loaded load(String executionArn, String stepKey, List<String> others, boolean withInput);

    Optional<ExecutionHeader> header(String executionArn);

    Optional<StoredItem> item(String executionArn, String key);

    /** Creates the item unless one with its key exists; true when this call created it. */
    boolean putIfAbsent(String executionArn, StoredItem item);

    /**
     * Writes items unconditionally, 25 per request. Only for items whose content matters before
     * anything reads them, such as branch start steps written before their fan-out commits.
     */
    void putAll(String executionArn, java.util.List<StoredItem> items);

    /** Reserves {@code count} consecutive event ids; returns the first. */
    long allocateEvents(String executionArn, int count);

    /** Makes sure ids up to {@code lastUsed} are never allocated again. */
    void raiseEventCounter(String executionArn, long lastUsed);

    /** Counts branch {@code index} of a join once, however often it is called. */
    JoinCount countBranch(String executionArn, String joinKey, int index, boolean failed);

    /** Sets a pending join's state ("succeeded"/"failed") once; true when this call set it. */
    boolean closeJoin(String executionArn, String joinKey, String state, String error, String cause);

    /** Items whose key starts with {@code prefix}, in key order. */
    List<StoredItem> items(String executionArn, String prefix);

    /** Moves a RUNNING execution to a terminal status; false when it was not RUNNING. */
    boolean finish(String executionArn, String stateMachineArn, ExecutionStatus status, Instant stopDate, JsonNode output, String error,
                   String cause);

    /**
     * Moves an execution that ended with status {@code from} and has been redriven
     * {@code redriveCount} times back to RUNNING: clears its stop date, output, error and cause,
     * counts the redrive and records its date and clientToken. False when the header changed.
     */
    boolean redrive(String executionArn, String stateMachineArn, ExecutionStatus from, int redriveCount, Instant now,
                    String clientToken);

    void delete(String executionArn, String key);

    /** Every history event of an execution in id order, from the chunks the items carry. */
    ArrayNode history(String executionArn);

    /** ARNs of all RUNNING executions (a Scan: for a local runner's recovery, not for the cloud). */
    List<String> runningExecutions();

    /**
     * A page of history: up to {@code maxResults} events after event id {@code after} (0 for the
     * start), or before {@code after} in reverse order (0 for the end).
     */
    HistoryPage history(String executionArn, boolean reverse, long after, int maxResults);

    /** Executions of a state machine, newest first, optionally of one status. */
    List<ExecutionHeader> executions(String stateMachineArn, ExecutionStatus status, int limit);

    /** The activities kept beside the executions (activity Task states, GetActivityTask). */
    default ActivityStore activities() {
        throw new UnsupportedOperationException("this store keeps no activities");
    }
}
