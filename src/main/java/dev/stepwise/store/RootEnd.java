package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.ExecutionStatus;

/** The end of an execution as its last step committed it (the root END item): succeeded with an output, or failed with an error and cause. */
public record RootEnd(ExecutionStatus status, JsonNode output, String error, String cause) {
}
