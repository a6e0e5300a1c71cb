package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/**
 * Everything an execution's start needs, written first and once (the {@code INPUT} item): with it
 * alone, whoever finds a start cut short (a retried StartExecution, the execution's check message,
 * a local recovery) can finish it. {@code input} is the text as given (DescribeExecution returns it
 * byte for byte); {@code stateMachineArn} + {@code revision} name the definition it runs;
 * {@code listedUnder} is the machine ListExecutions shows it under (a version's executions are
 * listed with the machine); {@code api} is the API's own record of the start, opaque here.
 */
public record StartRecord(String executionArn, String name, String stateMachineArn, String revision, String stateMachineName,
                          String roleArn, Instant startDate, Integer timeoutSeconds, String listedUnder, String input,
                          JsonNode api) {

    /** The header this start creates: RUNNING, nothing else happened yet. */
    public ExecutionHeader header() {
        return new ExecutionHeader(executionArn, name, stateMachineArn, revision, stateMachineName, roleArn,
                ExecutionStatus.RUNNING, startDate, null, null, null, null, timeoutSeconds, 0, null, null, 0, api, listedUnder);
    }
}
