package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Items as an ItemReader reads them, one at a time, so that no reader holds a data set. A cursor
 * opened again at {@link #positionOfLast()} gives the item {@link #next()} returned last first:
 * a reader is paged by the positions of its items.
 */
public interface ItemCursor extends AutoCloseable {

    /**
     * The next item, or null when there are no more.
     * @throws dev.stepwise.asl.StatesFailure States.ItemReaderFailed when the source cannot be read or parsed
     */
    JsonNode next();

    /** Where the item {@link #next()} returned last starts (JSON the reader understands again). */
    JsonNode positionOfLast();

    @Override
    void close();

    /** The items of an array (a Map's items from its input), from position {@code from} (null: the first). */
    static ItemCursor over(JsonNode items, JsonNode from) {
        return new ItemCursor() {
            private int next = from == null ? 0 : from.path("index").asInt();

            @Override
            public JsonNode next() {
                return next < items.size() ? items.get(next++) : null;
            }

            @Override
            public JsonNode positionOfLast() {
                return dev.stepwise.asl.Json.object().put("index", next - 1);
            }

            @Override
            public void close() {
            }
        };
    }
}
