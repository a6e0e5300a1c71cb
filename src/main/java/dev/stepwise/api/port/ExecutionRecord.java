package dev.stepwise.api.port;

import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;

/**
 * An execution as DescribeExecution shows it. {@code input} and {@code output} are JSON text
 * (null output until it succeeds); {@code error}/{@code cause} are set when it failed, timed out
 * or was stopped with them. {@code stateMachineVersionArn} is set when it was started through a
 * version ARN;
 * {@code stateMachineAliasArn} when started through an alias (the version is the one the alias chose).
 * {@code redriveCount} and {@code redriveDate} (null until redriven) describe RedriveExecution's effect.
 * {@code mapRunArn} is set for a Distributed Map's child execution: the Map Run that started it.
 */
public record ExecutionRecord(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
                              Instant startDate, Instant stopDate, String input, String output, String error,
                              String cause, String stateMachineVersionArn, String stateMachineAliasArn,
                              String stateMachineType, int redriveCount, Instant redriveDate, String mapRunArn) {

    public ExecutionRecord(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
                           Instant startDate, Instant stopDate, String input, String output, String error,
                           String cause, String stateMachineVersionArn, String stateMachineAliasArn,
                           String stateMachineType, int redriveCount, Instant redriveDate) {
        this(executionArn, stateMachineArn, name, status, startDate, stopDate, input, output, error, cause,
                stateMachineVersionArn, stateMachineAliasArn, stateMachineType, redriveCount, redriveDate, null);
    }

    /** An execution never redriven. */
    public ExecutionRecord(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
                           Instant startDate, Instant stopDate, String input, String output, String error,
                           String cause, String stateMachineVersionArn, String stateMachineAliasArn,
                           String stateMachineType) {
        this(executionArn, stateMachineArn, name, status, startDate, stopDate, input, output, error, cause,
                stateMachineVersionArn, stateMachineAliasArn, stateMachineType, 0, null);
    }
}
