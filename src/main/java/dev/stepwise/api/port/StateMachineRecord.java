package dev.stepwise.api.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A state machine as DescribeStateMachine shows it. {@code definition} is the text as the user
 * gave it (AWS returns it byte for byte); {@code revisionId} is null until the first update, as
 * on AWS; {@code loggingConfiguration}/{@code tracingConfiguration} are the AWS shapes.
 */
public record StateMachineRecord(String stateMachineArn, String name, String definition, String roleArn, String type,
                                 JsonNode loggingConfiguration, JsonNode tracingConfiguration, Instant creationDate,
                                 String revisionId, Instant updateDate, String description) {

    public StateMachineRecord withUpdate(String definition, String roleArn, JsonNode logging, JsonNode tracing,
                                         String revisionId, Instant updateDate) {
        return new StateMachineRecord(stateMachineArn, name, definition, roleArn, type, logging, tracing, creationDate,
                revisionId, updateDate, description);
    }
}
