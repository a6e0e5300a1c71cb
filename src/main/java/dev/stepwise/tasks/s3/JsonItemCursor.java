package dev.stepwise.tasks.s3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.engine.ItemCursor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Items of a JSON file (InputType JSON: one array, its elements the items) or a JSON Lines file
 * (JSONL: one value per line), read with Jackson's streaming parser one value at a time. An
 * item's position is its first byte, so reading again fetches the object from there (an array
 * read again from an element is given back its opening bracket); in a compressed object, whose
 * bytes cannot be fetched from the middle, it is the number of items before it.
 */
final class JsonItemCursor implements ItemCursor {
    /** AWS: "Step Functions supports reading an item of up to 8 MB from a text delimited file, JSON, or JSON Lines file". */
    static final long MAX_ITEM_BYTES = 8L * 1024 * 1024;

    private final InputStream in;
    private final JsonParser parser;
    private final boolean lines;
    /** The object's byte the stream starts at (negative: the stream is decompressed, positions count items). */
    private final long base;
    /** Bytes put before the stream (an array read from the middle gets its "[" back). */
    private final int prefix;
    private long itemsBefore;
    private long lastStart;

    private JsonItemCursor(InputStream in, boolean lines, long base, int prefix, long itemsBefore) {
        this.in = in;
        this.lines = lines;
        this.base = base;
        this.prefix = prefix;
        this.itemsBefore = itemsBefore - 1;
        try {
            this.parser = Json.MAPPER.getFactory().createParser(in);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * A cursor on {@code in}, whose first byte is byte {@code base} of the object (negative for a
     * decompressed stream, where {@code skip} items are passed over first); {@code resumed} when
     * it starts at an item rather than at the object's start.
     */
    static JsonItemCursor open(InputStream in, boolean lines, long base, boolean resumed, long skip) {
        boolean reopenArray = !lines && resumed && base >= 0;
        InputStream source = reopenArray ? new SequenceInputStream(new ByteArrayInputStream(new byte[] {'['}), in) : in;
        JsonItemCursor cursor = new JsonItemCursor(source, lines, base, reopenArray ? 1 : 0, base >= 0 ? 0 : skip);
        if (!lines) {
            cursor.openArray();
        }
        for (long i = 0; base < 0 && i < skip; i++) {
            if (cursor.readValue() == null) {
                break;
            }
        }
        return cursor;
    }

    private void openArray() {
        try {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                // LocalStack's wording for a JSON dataset that is not an array (its ItemReader's JSON transformer).
                throw new StatesFailure(StatesError.ITEM_READER_FAILED, "Attempting to map over non-iterable node.");
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public JsonNode next() {
        JsonNode value = readValue();
        if (value != null) {
            itemsBefore++;
        }
        return value;
    }

    private JsonNode readValue() {
        try {
            JsonToken token = parser.nextToken();
            if (token == null || (!lines && token == JsonToken.END_ARRAY)) {
                return null;
            }
            long start = parser.currentTokenLocation().getByteOffset();
            JsonNode value = Json.MAPPER.readTree(parser);
            long size = parser.currentLocation().getByteOffset() - start;
            if (size > MAX_ITEM_BYTES) {
                throw new StatesFailure(StatesError.ITEM_READER_FAILED, "An item of " + size
                        + " bytes was read; Step Functions reads items of up to 8 MB");
            }
            lastStart = start - prefix;
            return value == null ? Json.NODES.nullNode() : value;
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    @Override
    public JsonNode positionOfLast() {
        return base >= 0 ? Json.object().put("byte", base + lastStart) : Json.object().put("skip", itemsBefore);
    }

    static StatesFailure unreadable(IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
        return new StatesFailure(StatesError.ITEM_READER_FAILED, "The ItemReader could not parse its object: " + message);
    }

    @Override
    public void close() {
        try {
            parser.close();
            in.close();
        } catch (IOException ignored) {
            // the object was read as far as it was needed
        }
    }
}
