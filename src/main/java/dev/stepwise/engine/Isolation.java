package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A state run on its own, as TestState runs it ("Using TestState API to test a state" in the
 * developer guide), instead of as a step of an execution: {@code dataFlow} watches its input and
 * output processing; {@code contextObject} (or null) is the {@code $$} the caller gave;
 * {@code itemReaderData} (or null) is what a Map's ItemReader would have read
 * (stateConfiguration.mapItemReaderData); {@code fanOutMocked} says the Map's or Parallel's result
 * comes from a mock, so its ItemReader and ResultWriter are not run. There is no history, so
 * causes name no event id.
 */
public record Isolation(DataFlow dataFlow, ObjectNode contextObject, JsonNode itemReaderData, boolean fanOutMocked) {
}
