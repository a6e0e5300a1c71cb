package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.JsonSize;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.JsonPath;
import java.util.ArrayList;
import java.util.List;

/**
 * A Map's ItemBatcher: groups item inputs so each child run gets {@code {"Items": [...]}} (plus
 * {@code "BatchInput"} when set), closing a batch at MaxItemsPerBatch items or before it would
 * pass MaxInputBytesPerBatch bytes.
 */
final class ItemBatches {
    private ItemBatches() {
    }

    static List<JsonNode> of(JsonNode batcher, List<JsonNode> items, Bindings bindings) {
        long maxItems = limit(batcher, "MaxItemsPerBatch", bindings);
        long maxBytes = limit(batcher, "MaxInputBytesPerBatch", bindings);
        JsonNode batchInput = batcher.get("BatchInput");
        List<JsonNode> batches = new ArrayList<>();
        ArrayNode current = null;
        long bytes = 0;
        for (JsonNode item : items) {
            long size = JsonSize.size(item, Long.MAX_VALUE);
            if (current == null || current.size() >= maxItems || (current.size() > 0 && bytes + size > maxBytes)) {
                current = Json.NODES.arrayNode();
                ObjectNode batch = Json.object();
                if (batchInput != null) {
                    batch.set("BatchInput", batchInput);
                }
                batch.set("Items", current);
                batches.add(batch);
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        return batches;
    }

    private static long limit(JsonNode batcher, String field, Bindings bindings) {
        if (batcher.has(field)) {
            return batcher.get(field).asLong();
        }
        if (batcher.has(field + "Path")) {
            JsonNode value = JsonPath.compile(batcher.get(field + "Path").asText()).readRequired(bindings);
            if (!value.isIntegralNumber() || value.asLong() <= 0) {
                throw new StatesFailure(StatesError.RUNTIME, "The " + field + "Path field refers to value '"
                        + Json.write(value) + "' which is not a valid positive integer");
            }
            return value.asLong();
        }
        return Long.MAX_VALUE;
    }
}
