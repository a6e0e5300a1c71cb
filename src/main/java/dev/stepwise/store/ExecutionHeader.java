package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/** The execution item: what DescribeExecution and ListExecutions show, and what every step checks. */
public record ExecutionHeader(String executionArn, String name, String stateMachineArn, String stateMachineName,
                              String roleArn, ExecutionStatus status, Instant startDate, Instant stopDate,
                              JsonNode output, String error, String cause, Integer timeoutSeconds) {
}
