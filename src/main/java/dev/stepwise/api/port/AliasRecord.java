package dev.stepwise.api.port;

import java.time.Instant;
import java.util.List;

/**
 * A state machine alias: {@code arn:...:stateMachine:<name>:<alias>}, routing executions to one
 * or two versions by weight (percentages summing to 100).
 */
public record AliasRecord(String stateMachineAliasArn, String stateMachineArn, String name, String description,
                          List<Route> routingConfiguration, Instant creationDate, Instant updateDate) {

    public record Route(String stateMachineVersionArn, int weight) {
    }

    public AliasRecord {
        routingConfiguration = List.copyOf(routingConfiguration);
    }
}
