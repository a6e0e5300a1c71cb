package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A branch's end as its join collects it: its index, whether it failed, and its output (a failed
 * branch's output is its {"Error", "Cause"} object, as a tolerated failure shows in the Map's
 * result). {@code status} is the child execution's status for a Map Run's branch, else null.
 */
public record BranchEnd(int index, boolean failed, String status, JsonNode output) {
}
