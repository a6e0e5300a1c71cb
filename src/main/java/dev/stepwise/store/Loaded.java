package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What one step needs, read in one request: the execution header, the step item, the items
 * whose presence shows the step was already processed, and the execution input when asked for.
 */
public record Loaded(ExecutionHeader header, StoredItem step, Map<String, StoredItem> others, JsonNode input) {
}
