package dev.stepwise.tasks.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.engine.ItemCursor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Items of an S3 inventory (InputType MANIFEST): its manifest.json names the data files (CSV,
 * gzip-compressed, no header row) and their columns ({@code fileSchema}: "Bucket, Key, Size,
 * LastModifiedDate"); each row is an item of those columns, as the guide's example shows
 * ({"LastModifiedDate": "2022-11-16T00:29:32.000Z", "Bucket": ..., "Size": "3399671", "Key": ...}).
 * The data files are in the inventory's destination bucket. AWS: "The output format of your
 * Amazon S3 inventory report must be CSV." An item's position is its file and the rows before it
 * in that file (a compressed file is read again from its start to resume in it).
 */
final class ManifestItemCursor implements ItemCursor {
    private final S3Objects s3;
    private final String bucket;
    private final List<String> files;
    private final List<String> headers;
    private final char delimiter;
    private int file;
    private CsvItemCursor rows;
    private long rowsBefore;

    private ManifestItemCursor(S3Objects s3, String bucket, List<String> files, List<String> headers, char delimiter) {
        this.s3 = s3;
        this.bucket = bucket;
        this.files = files;
        this.headers = headers;
        this.delimiter = delimiter;
    }

    static ManifestItemCursor open(S3Objects s3, String bucket, String key, String versionId, String owner, char delimiter,
                                   JsonNode from) {
        JsonNode manifest;
        try (InputStream in = s3.get(bucket, key, versionId, owner, 0, StatesError.ITEM_READER_FAILED)) {
            manifest = Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw JsonItemCursor.unreadable(e);
        }
        if (manifest == null || !"CSV".equalsIgnoreCase(manifest.path("fileFormat").asText())) {
            throw new StatesFailure(StatesError.ITEM_READER_FAILED, "The S3 inventory's fileFormat is '"
                    + (manifest == null ? "" : manifest.path("fileFormat").asText()) + "'; Step Functions reads CSV inventories only");
        }
        List<String> headers = new ArrayList<>();
        for (String column : manifest.path("fileSchema").asText().split(",")) {
            headers.add(column.trim());
        }
        List<String> files = new ArrayList<>();
        for (JsonNode listed : manifest.path("files")) {
            files.add(listed.path("key").asText());
        }
        String destination = manifest.path("destinationBucket").asText(bucket);
        String dataBucket = destination.startsWith("arn:") ? destination.substring(destination.lastIndexOf(':') + 1) : destination;
        ManifestItemCursor cursor = new ManifestItemCursor(s3, dataBucket.isEmpty() ? bucket : dataBucket, files, headers, delimiter);
        cursor.file = from == null ? 0 : from.path("file").asInt();
        cursor.rowsBefore = from == null ? 0 : from.path("skip").asLong();
        return cursor;
    }

    @Override
    public JsonNode next() {
        while (file < files.size()) {
            if (rows == null) {
                String key = files.get(file);
                InputStream in = s3.get(bucket, key, null, null, 0, StatesError.ITEM_READER_FAILED);
                if (key.endsWith(".gz")) {
                    try {
                        in = new GZIPInputStream(in, 64 * 1024);
                    } catch (IOException e) {
                        throw JsonItemCursor.unreadable(e);
                    }
                }
                rows = CsvItemCursor.open(in, delimiter, headers, false, -1, true, rowsBefore);
                rowsBefore--;
            }
            JsonNode row = rows.next();
            if (row != null) {
                rowsBefore++;
                return row;
            }
            rows.close();
            rows = null;
            file++;
            rowsBefore = 0;
        }
        return null;
    }

    @Override
    public JsonNode positionOfLast() {
        return Json.object().put("file", file).put("skip", rowsBefore);
    }

    @Override
    public void close() {
        if (rows != null) {
            rows.close();
        }
    }
}
