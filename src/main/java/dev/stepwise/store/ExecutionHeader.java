package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/**
 * The execution item: what DescribeExecution and ListExecutions show, and what every step checks.
 * {@code redriveCount}, {@code redriveDate} and the {@code redriveToken} (the clientToken of the
 * last RedriveExecution) change only when the execution is redriven.
 */
public record ExecutionHeader(String executionArn, String name, String stateMachineArn, String stateMachineName,
                              String roleArn, ExecutionStatus status, Instant startDate, Instant stopDate,
                              JsonNode output, String error, String cause, Integer timeoutSeconds,
                              int redriveCount, Instant redriveDate, String redriveToken) {

    /** An execution never redriven. */
    public ExecutionHeader(String executionArn, String name, String stateMachineArn, String stateMachineName,
                           String roleArn, ExecutionStatus status, Instant startDate, Instant stopDate,
                           JsonNode output, String error, String cause, Integer timeoutSeconds) {
        this(executionArn, name, stateMachineArn, stateMachineName, roleArn, status, startDate, stopDate, output, error,
                cause, timeoutSeconds, 0, null, null);
    }
}
