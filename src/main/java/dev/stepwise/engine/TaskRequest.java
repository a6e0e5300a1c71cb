package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Task state asks the runtime to do: call {@code resource} with {@code parameters} (the
 * state's effective input). {@code attempt} is 0 for the first try and counts retries, so with
 * {@code stepId} the runtime can make each attempt's side effect happen once. {@code taskToken} is
 * the callback token of a {@code .waitForTaskToken} task or an activity task (else null).
 */
public record TaskRequest(String stateName, String resource, JsonNode parameters, long timeoutSeconds,
                          Long heartbeatSeconds, JsonNode credentials, int attempt, String executionArn,
                          String stateMachineArn, String taskToken) {

    /** A request outside any execution (tests, TestState). */
    public TaskRequest(String stateName, String resource, JsonNode parameters, long timeoutSeconds,
                       Long heartbeatSeconds, JsonNode credentials, int attempt) {
        this(stateName, resource, parameters, timeoutSeconds, heartbeatSeconds, credentials, attempt, null, null, null);
    }

    /** How the runtime waits for this task: the resource ARN's suffix. */
    public TaskResource.Pattern pattern() {
        return TaskResource.Pattern.of(resource);
    }
}
