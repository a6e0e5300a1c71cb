package dev.stepwise.tasks.s3;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.engine.ItemCursor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Items of a text delimited file (InputType CSV, and the data files of an S3 inventory), read
 * with Jackson's streaming CSV parser one record at a time. The guide's rules ("Examples of
 * datasets", CSV file): fields are strings; the delimiter is CSVDelimiter's; double quotes
 * enclose fields that hold delimiters or newlines, and a doubled quote is a quote; a backslash
 * escapes a backslash, a quote or the delimiter; "If the number of fields in a row is less than
 * the number of fields in the header, Step Functions provides empty strings for the missing
 * values"; "If ... more ..., Step Functions skips the additional fields". The header is the first
 * row (FIRST_ROW) or given (GIVEN). A record's position is its first byte (counted through
 * {@link Utf8Ledger}), with the header; in a decompressed file, the number of records before it.
 */
final class CsvItemCursor implements ItemCursor {
    /** AWS: "Currently, Step Functions supports CSV headers of up to 10 KiB." */
    static final int MAX_HEADER_CHARS = 10 * 1024;
    private static final CsvFactory FACTORY = new CsvFactory();

    private final Utf8Ledger ledger;
    private final CsvParser parser;
    /** The object's byte the stream starts at (negative: decompressed, positions count records). */
    private final long base;
    private final int bom;
    private List<String> headers;
    private long recordsBefore;
    private long lastStart;

    private CsvItemCursor(InputStream in, char delimiter, long base, int bom) {
        this.ledger = new Utf8Ledger(in);
        this.base = base;
        this.bom = bom;
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"').withEscapeChar('\\');
        try {
            this.parser = FACTORY.createParser(new InputStreamReader(ledger, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw JsonItemCursor.unreadable(e);
        }
        parser.setSchema(schema);
    }

    /**
     * A cursor on {@code in}, whose first byte is byte {@code base} of the object (negative:
     * decompressed, {@code skip} records are passed over first); {@code atStart} when {@code in}
     * starts at the object's first byte, where a header row ({@code headerRow}) is read first:
     * as the headers when {@code headers} is null, else passed over.
     */
    static CsvItemCursor open(InputStream in, char delimiter, List<String> headers, boolean headerRow, long base, boolean atStart,
                              long skip) {
        int bom = 0;
        if (atStart) {
            in = new java.io.BufferedInputStream(in);
            bom = skipByteOrderMark(in);
        }
        CsvItemCursor cursor = new CsvItemCursor(in, delimiter, base, bom);
        if (headerRow && atStart) {
            List<String> first = cursor.record();
            if (cursor.parser.currentLocation().getCharOffset() > MAX_HEADER_CHARS) {
                throw new StatesFailure(StatesError.ITEM_READER_FAILED, "The CSV header is longer than 10 KiB, which Step Functions reads at most");
            }
            if (headers == null) {
                headers = first == null ? List.of() : first;
            }
        }
        if (new HashSet<>(headers).size() < headers.size()) {
            // LocalStack's wording (its ItemReader's CSV transformer).
            throw new StatesFailure(StatesError.ITEM_READER_FAILED, "CSV headers cannot contain duplicates.");
        }
        cursor.headers = List.copyOf(headers);
        for (long i = 0; base < 0 && i < skip; i++) {
            if (cursor.record() == null) {
                break;
            }
        }
        cursor.recordsBefore = base < 0 ? skip - 1 : -1;
        return cursor;
    }

    private static int skipByteOrderMark(InputStream in) {
        try {
            in.mark(3);
            byte[] head = in.readNBytes(3);
            if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                return 3;
            }
            in.reset();
            return 0;
        } catch (IOException e) {
            throw JsonItemCursor.unreadable(e);
        }
    }

    List<String> headers() {
        return headers;
    }

    @Override
    public JsonNode next() {
        List<String> fields = record();
        if (fields == null) {
            return null;
        }
        recordsBefore++;
        ObjectNode item = Json.object();
        for (int i = 0; i < headers.size(); i++) {
            item.put(headers.get(i), i < fields.size() ? fields.get(i) : "");
        }
        return item;
    }

    /**
     * The next record's fields, or null at the end; remembers where it started (its first
     * field's first character: Jackson reports each field's place). Empty lines are no records.
     */
    private List<String> record() {
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                List<String> fields = new ArrayList<>();
                long startChar = -1;
                for (token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (startChar < 0) {
                        startChar = parser.currentTokenLocation().getCharOffset();
                    }
                    fields.add(parser.getText());
                }
                if (fields.isEmpty() || (fields.size() == 1 && fields.get(0).isEmpty())) {
                    continue;
                }
                long size = parser.currentLocation().getCharOffset() - startChar;
                if (size > JsonItemCursor.MAX_ITEM_BYTES) {
                    throw new StatesFailure(StatesError.ITEM_READER_FAILED, "A record of " + size
                            + " characters was read; Step Functions reads items of up to 8 MB");
                }
                lastStart = bom + ledger.byteOffset(startChar);
                return fields;
            }
        } catch (IOException e) {
            throw JsonItemCursor.unreadable(e);
        }
    }

    @Override
    public JsonNode positionOfLast() {
        ObjectNode position = base >= 0 ? Json.object().put("byte", base + lastStart) : Json.object().put("skip", recordsBefore);
        ArrayNode names = position.putArray("headers");
        headers.forEach(names::add);
        return position;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // the object was read as far as it was needed
        }
    }
}
