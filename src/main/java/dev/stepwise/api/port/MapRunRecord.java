package dev.stepwise.api.port;

import java.time.Instant;

/**
 * A Distributed Map's Map Run as DescribeMapRun and ListMapRuns show it. {@code stateMachineArn}
 * is what its children run ({@code ...:stateMachine:<machine>/<label>}); {@code status} is one of
 * RUNNING, SUCCEEDED, FAILED, ABORTED; {@code stopDate} is null while it runs. Execution counts
 * count child executions, item counts their items (an ItemBatcher's child holds many).
 */
public record MapRunRecord(String mapRunArn, String executionArn, String stateMachineArn, String status,
                           Instant startDate, Instant stopDate, int maxConcurrency, double toleratedFailurePercentage,
                           long toleratedFailureCount, Counts executions, Counts items, int redriveCount, Instant redriveDate) {

    public record Counts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
                         long total, long resultsWritten) {
    }
}
