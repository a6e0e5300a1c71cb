package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Task state asks the runtime to do: call {@code resource} with {@code parameters} (the
 * state's effective input). {@code attempt} is 0 for the first try and counts retries, so with
 * {@code stepId} the runtime can make each attempt's side effect happen once.
 */
public record TaskRequest(String stateName, String resource, JsonNode parameters, long timeoutSeconds,
                          Long heartbeatSeconds, JsonNode credentials, int attempt) {
}
