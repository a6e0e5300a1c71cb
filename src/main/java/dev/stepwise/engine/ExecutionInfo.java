package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The facts about one execution that the context object ($$) shows. */
public record ExecutionInfo(String executionArn, String name, JsonNode input, String roleArn, Instant startTime,
                            int redriveCount, Instant redriveTime, String stateMachineArn, String stateMachineName) {
}
