package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;

/** Where a runner's ItemReaders read from (the tasks layer reads S3); the engine only decides what to read. */
@FunctionalInterface
public interface ItemReading {

    /**
     * Opens {@code request} in {@code region} at {@code from} (a position an {@link ItemCursor}
     * gave, or null for the first item).
     */
    ItemCursor open(ItemReaderRequest request, String region, JsonNode from);

    /** No S3: every ItemReader fails, saying so. */
    ItemReading NONE = (request, region, from) -> {
        throw new StatesFailure(StatesError.ITEM_READER_FAILED, "This runner reads no ItemReader: it has no S3 endpoint");
    };
}
