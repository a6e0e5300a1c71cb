package dev.stepwise.api.port;

import java.time.Instant;

/**
 * A published, immutable version of a state machine: {@code arn:...:stateMachine:<name>:<version>}.
 * It keeps the definition and role of the revision it was published from.
 */
public record VersionRecord(String stateMachineVersionArn, String stateMachineArn, long version,
                            StateMachineRecord snapshot, String description, Instant creationDate) {
}
