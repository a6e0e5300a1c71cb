package dev.stepwise.api.port;

import java.time.Instant;

/**
 * An execution to start: the already validated input, and the state machine revision it runs
 * (the machine itself, or the snapshot of a version when started through a version ARN).
 */
public record NewExecution(String executionArn, String name, String input, StateMachineRecord machine,
                           String stateMachineVersionArn, String stateMachineAliasArn, Instant startDate) {
}
