package dev.stepwise.tasks.mock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one invocation of a mocked Task state gives, as a MockConfigFile writes it: {@code Return}
 * (the task's result, used as-is) or {@code Throw} (the task fails with Error and Cause, which
 * the state's Retry and Catch see like any task failure).
 */
public sealed interface MockedResponse {

    record Return(JsonNode result) implements MockedResponse {
    }

    record Throw(String error, String cause) implements MockedResponse {
    }
}
