package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A join's counters after a branch was counted, with the join's body (its total, MaxConcurrency
 * and tolerance). {@code fresh} is false when this branch had been counted before (a replay): the
 * numbers are then the current ones, not the ones this branch's count produced.
 */
public record JoinCount(int done, int failed, boolean fresh, String state, JsonNode body) {
}
