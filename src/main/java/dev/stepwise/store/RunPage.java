package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A page of a Map Run's children as its reader wrote it (one chunk): the number of its first
 * child, each child's input and how many items it holds (an ItemBatcher's child holds many),
 * how many items the run has read once this page was read, and where its reader goes on
 * ({@code next}, a reader's position; null when {@code last}).
 */
public record RunPage(long firstChild, List<JsonNode> inputs, List<Integer> itemCounts, long itemsRead, JsonNode next,
                      boolean last) {
    public RunPage {
        inputs = List.copyOf(inputs);
        itemCounts = List.copyOf(itemCounts);
    }

    public int size() {
        return inputs.size();
    }

    /** The children of the run once this page was read. */
    public long childrenRead() {
        return firstChild + inputs.size();
    }
}
