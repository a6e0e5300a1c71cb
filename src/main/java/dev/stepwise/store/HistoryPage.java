package dev.stepwise.store;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One page of GetExecutionHistory: events in the order asked for, and the id to continue from
 * (the API turns it into its nextToken), or null on the last page.
 */
public record HistoryPage(ArrayNode events, Long continueAfter) {
}
