package dev.stepwise.store;

import dev.stepwise.engine.ItemReaderRequest;
import dev.stepwise.engine.ResultWriterRequest;

/**
 * A Map Run ({@link TableLayout#MAP_RUN}): the parent and its join step, what its children run,
 * when it started, the parent's attempt its counters belong to (its redrive count), the size of
 * its chunks, the state's MaxConcurrency and tolerated failures, its ItemReader (null: items from the state's input) and ResultWriter (or null),
 * and its own redrives (DescribeMapRun's redriveCount and redriveDate).
 */
public record RunRecord(String parentArn, String joinKey, String stateMachineArn, long startMillis, int attempt, int chunkSize,
                        int maxConcurrency, Integer toleratedFailureCount, Double toleratedFailurePercentage,
                        ItemReaderRequest reader, ResultWriterRequest writer, int redriveCount, Long redriveMillis) {

    /** The record once the parent's redrive {@code attempt} went on with join {@code joinKey}. */
    public RunRecord redriven(String newJoinKey, int newAttempt, long millis) {
        return new RunRecord(parentArn, newJoinKey, stateMachineArn, startMillis, newAttempt, chunkSize, maxConcurrency,
                toleratedFailureCount, toleratedFailurePercentage, reader, writer, redriveCount + 1, millis);
    }
}
