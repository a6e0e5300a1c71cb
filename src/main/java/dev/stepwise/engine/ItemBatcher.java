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

/**
 * A Map's ItemBatcher, one item input at a time, so that items streamed from a reader are
 * batched without being held: each child run gets {@code {"Items": [...]}} (plus
 * {@code "BatchInput"} when set), a batch closing at MaxItemsPerBatch items or before it would
 * pass MaxInputBytesPerBatch bytes. Without an ItemBatcher each item input is a child's input.
 */
public final class ItemBatcher {
    private final boolean batches;
    private final long maxItems;
    private final long maxBytes;
    private final JsonNode batchInput;
    private ArrayNode open;
    private JsonNode single;
    private long bytes;

    private ItemBatcher(boolean batches, long maxItems, long maxBytes, JsonNode batchInput) {
        this.batches = batches;
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.batchInput = batchInput;
    }

    /** The state's ItemBatcher ({@code definition}, null for none), its *Path fields read with {@code bindings}. */
    static ItemBatcher of(JsonNode definition, Bindings bindings) {
        if (definition == null) {
            return new ItemBatcher(false, 1, Long.MAX_VALUE, null);
        }
        return new ItemBatcher(true, limit(definition, "MaxItemsPerBatch", bindings), limit(definition, "MaxInputBytesPerBatch", bindings),
                definition.get("BatchInput"));
    }

    /** True when {@code input} goes into the open batch (or none is open); false when the open batch must close first. */
    public boolean fits(JsonNode input) {
        if (!batches) {
            return single == null;
        }
        return open == null || open.isEmpty()
                || (open.size() < maxItems && bytes + JsonSize.size(input, Long.MAX_VALUE) <= maxBytes);
    }

    /** Adds {@code input} to the open batch (call {@link #fits} first). */
    public void add(JsonNode input) {
        if (!batches) {
            single = input;
            return;
        }
        if (open == null) {
            open = Json.NODES.arrayNode();
            bytes = 0;
        }
        open.add(input);
        bytes += JsonSize.size(input, Long.MAX_VALUE);
    }

    /** How many items the open batch holds. */
    public int size() {
        return batches ? (open == null ? 0 : open.size()) : (single == null ? 0 : 1);
    }

    /** Closes the open batch: the child input it makes (null when none was open). */
    public JsonNode close() {
        if (!batches) {
            JsonNode closed = single;
            single = null;
            return closed;
        }
        if (open == null || open.isEmpty()) {
            return null;
        }
        ObjectNode batch = Json.object();
        if (batchInput != null) {
            batch.set("BatchInput", batchInput);
        }
        batch.set("Items", open);
        open = null;
        return batch;
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
