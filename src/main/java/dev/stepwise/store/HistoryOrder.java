package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A history as AWS shows it, from the chunks of events the items carry: in id order, numbered
 * 1..n without gaps or repeats. A step reserves its event ids before it commits; when it crashes
 * in between and its message comes again, it reserves new ones and the first reservation is never
 * used. The stored ids are therefore ordered but may skip; the history numbers events by their
 * rank among the stored ids (and maps each previousEventId the same way), so the ids a reader
 * sees are 1..n under any crash, as on AWS.
 */
public final class HistoryOrder {
    private static final String ID = "id";
    private static final String PREVIOUS = "previousEventId";

    private HistoryOrder() {
    }

    /** The events of all chunks, ordered and numbered by rank. */
    public static ArrayNode number(List<ArrayNode> chunks) {
        List<JsonNode> events = new ArrayList<>();
        chunks.forEach(chunk -> chunk.forEach(events::add));
        events.sort(Comparator.comparingLong(event -> event.get(ID).asLong()));
        long[] stored = new long[events.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = events.get(i).get(ID).asLong();
        }
        ArrayNode numbered = Json.NODES.arrayNode(events.size());
        for (int i = 0; i < stored.length; i++) {
            if (i > 0 && stored[i] == stored[i - 1]) {
                throw new IllegalStateException("event id " + stored[i] + " is stored twice");
            }
            ObjectNode event = ((ObjectNode) events.get(i)).deepCopy();
            event.put(ID, i + 1);
            event.put(PREVIOUS, rank(stored, event.path(PREVIOUS).asLong()));
            numbered.add(event);
        }
        return numbered;
    }

    /** The highest stored id of the chunks; 0 when there are none. */
    public static long lastStoredId(List<ArrayNode> chunks) {
        long last = 0;
        for (ArrayNode chunk : chunks) {
            for (JsonNode event : chunk) {
                last = Math.max(last, event.get(ID).asLong());
            }
        }
        return last;
    }

    /** The rank (1-based) of the last stored id at or below {@code id}; 0 for none. */
    private static long rank(long[] stored, long id) {
        int at = Arrays.binarySearch(stored, id);
        return at >= 0 ? at + 1 : -at - 1;
    }

    /**
     * Up to {@code maxResults} events after id {@code after} (0 for the start), or before it in
     * reverse order (0 for the end), from a numbered history.
     */
    public static HistoryPage page(ArrayNode numbered, boolean reverse, long after, int maxResults) {
        ArrayNode page = Json.NODES.arrayNode();
        int size = numbered.size();
        if (!reverse) {
            for (int i = (int) Math.min(after, size); i < size && page.size() < maxResults; i++) {
                page.add(numbered.get(i));
            }
            boolean more = after + page.size() < size;
            return new HistoryPage(page, more && !page.isEmpty() ? after + page.size() : null);
        }
        int from = after == 0 ? size - 1 : (int) Math.min(after - 1, size) - 1;
        for (int i = from; i >= 0 && page.size() < maxResults; i--) {
            page.add(numbered.get(i));
        }
        long last = page.isEmpty() ? 0 : page.get(page.size() - 1).get(ID).asLong();
        return new HistoryPage(page, last > 1 ? last : null);
    }
}
