package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.store.HistoryJson;
import java.time.Instant;
import java.util.List;

/** A step's history events as the item that commits them carries them: AWS-shaped, ids from {@code first}, each linked to the one before. */
final class HistoryChunks {
    private HistoryChunks() {
    }

    static ArrayNode of(List<HistoryEvent> events, long first, long previous, Instant at) {
        ArrayNode chunk = Json.NODES.arrayNode();
        long prev = previous;
        for (int i = 0; i < events.size(); i++) {
            chunk.add(HistoryJson.write(events.get(i), first + i, prev, at));
            prev = first + i;
        }
        return chunk;
    }
}
