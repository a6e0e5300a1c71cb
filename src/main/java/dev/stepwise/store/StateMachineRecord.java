package dev.stepwise.store;

import java.time.Instant;

/** A state machine as stored: its definition text is kept verbatim, as DescribeStateMachine returns it. */
public record StateMachineRecord(String arn, String name, String definition, String type, String roleArn,
                                 Instant creationDate) {
}
