package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/**
 * The execution item: what DescribeExecution and ListExecutions show, and what every step checks.
 * {@code revision} names the definition it runs (see {@link Definitions}); {@code redriveCount},
 * {@code redriveDate} and the {@code redriveToken} (the clientToken of the last RedriveExecution)
 * change only when the execution is redriven; {@code eventCounter} is the last event id reserved
 * from the counter (steps of a linear run carry their ids instead); {@code api} is the API's small
 * record of the start (the ARN it shows, version and alias), kept here so listings need no other read;
 * {@code listedUnder} is the state machine ListExecutions finds it under.
 */
public record ExecutionHeader(String executionArn, String name, String stateMachineArn, String revision,
                              String stateMachineName, String roleArn, ExecutionStatus status, Instant startDate,
                              Instant stopDate, JsonNode output, String error, String cause, Integer timeoutSeconds,
                              int redriveCount, Instant redriveDate, String redriveToken, long eventCounter, JsonNode api,
                              String listedUnder) {
}
