package dev.stepwise.tasks.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.engine.ItemCursor;
import dev.stepwise.engine.ItemReaderRequest;
import dev.stepwise.engine.ItemReading;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Distributed Map's ItemReader on S3 (AWS developer guide, "ItemReader (Map)"):
 * {@code s3:listObjectsV2} lists a bucket and prefix; {@code s3:getObject} reads one object as
 * its ReaderConfig's InputType says — JSON, JSONL, CSV, or MANIFEST (an S3 inventory). An object
 * whose key ends in {@code .gz} is read through gzip (AWS: "Input files support the following
 * external compression types: GZIP, ZSTD"; ZSTD is not read here). Every failure — a missing
 * bucket or key, a body that does not parse, a limit passed — is States.ItemReaderFailed.
 */
public final class S3ItemReading implements ItemReading {
    private final Function<String, S3Client> clients;

    /** {@code clients}: the S3 client for a region (the configured endpoint's, or AWS's). */
    public S3ItemReading(Function<String, S3Client> clients) {
        this.clients = clients;
    }

    @Override
    public ItemCursor open(ItemReaderRequest request, String region, JsonNode from) {
        S3Objects s3 = new S3Objects(clients.apply(region));
        if (request.action() == ItemReaderRequest.Action.LIST_OBJECTS_V2) {
            return ObjectListCursor.open(s3, request, from);
        }
        String inputType = request.inputType();
        if (inputType == null) {
            throw new StatesFailure(StatesError.ITEM_READER_FAILED, "An ItemReader with s3:getObject needs ReaderConfig.InputType");
        }
        String bucket = request.argument("Bucket");
        String key = request.argument("Key");
        String version = request.argument("VersionId");
        String owner = request.argument("ExpectedBucketOwner");
        if ("MANIFEST".equals(inputType)) {
            return ManifestItemCursor.open(s3, bucket, key, version, owner, request.delimiter(), from);
        }
        boolean compressed = key != null && key.endsWith(".gz");
        long start = from == null || compressed ? 0 : from.path("byte").asLong();
        long skip = from == null || !compressed ? 0 : from.path("skip").asLong();
        InputStream in = s3.get(bucket, key, version, owner, start, StatesError.ITEM_READER_FAILED);
        if (compressed) {
            try {
                in = new GZIPInputStream(in, 64 * 1024);
            } catch (IOException e) {
                throw JsonItemCursor.unreadable(e);
            }
        }
        long base = compressed ? -1 : start;
        return switch (inputType) {
            case "JSON" -> JsonItemCursor.open(in, false, base, from != null, skip);
            case "JSONL" -> JsonItemCursor.open(in, true, base, from != null, skip);
            case "CSV" -> CsvItemCursor.open(in, request.delimiter(), headers(request, from),
                    "FIRST_ROW".equals(request.csvHeaderLocation()), base, from == null || compressed, skip);
            default -> throw new StatesFailure(StatesError.ITEM_READER_FAILED, "The ItemReader's InputType " + inputType
                    + " is not read by Stepwise (it reads CSV, JSON, JSONL and MANIFEST)");
        };
    }

    /** GIVEN headers, the first row's as a position carries them, or null: read them from the first row. */
    private static List<String> headers(ItemReaderRequest request, JsonNode from) {
        if ("GIVEN".equals(request.csvHeaderLocation())) {
            return request.csvHeaders() == null ? List.of() : request.csvHeaders();
        }
        if (from == null || !from.has("headers")) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        from.get("headers").forEach(header -> headers.add(header.asText()));
        return headers;
    }
}
