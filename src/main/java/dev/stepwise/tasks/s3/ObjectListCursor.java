package dev.stepwise.tasks.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.ItemCursor;
import dev.stepwise.engine.ItemReaderRequest;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Items of {@code arn:aws:states:::s3:listObjectsV2}: the objects under the bucket and prefix,
 * one ListObjectsV2 page at a time, each item the object's metadata as the guide shows it:
 * {"Etag": "\"05704fbdccb224cb01c59005bebbad28\"", "Key": ..., "LastModified": 1668699881,
 * "Size": 34910, "StorageClass": "STANDARD"} (LastModified in epoch seconds). An item's
 * position is its page's continuation token and its place in the page.
 */
final class ObjectListCursor implements ItemCursor {
    private final S3Objects s3;
    private final ItemReaderRequest request;
    private String pageToken;
    private String nextToken;
    private List<S3Object> page;
    private int index;
    private boolean last;

    private ObjectListCursor(S3Objects s3, ItemReaderRequest request) {
        this.s3 = s3;
        this.request = request;
    }

    static ObjectListCursor open(S3Objects s3, ItemReaderRequest request, JsonNode from) {
        ObjectListCursor cursor = new ObjectListCursor(s3, request);
        cursor.pageToken = from == null || !from.hasNonNull("token") ? null : from.get("token").asText();
        cursor.load(cursor.pageToken);
        cursor.index = from == null ? 0 : from.path("skip").asInt();
        return cursor;
    }

    private void load(String token) {
        try {
            ListObjectsV2Response response = s3.client().listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(request.argument("Bucket")).prefix(request.argument("Prefix"))
                    .delimiter(request.argument("Delimiter")).startAfter(request.argument("StartAfter"))
                    .expectedBucketOwner(request.argument("ExpectedBucketOwner")).continuationToken(token).build());
            pageToken = token;
            page = response.contents();
            nextToken = response.nextContinuationToken();
            last = !Boolean.TRUE.equals(response.isTruncated()) || nextToken == null;
            index = 0;
        } catch (SdkException e) {
            throw S3Objects.failure(StatesError.ITEM_READER_FAILED, e);
        }
    }

    @Override
    public JsonNode next() {
        while (index >= page.size()) {
            if (last) {
                return null;
            }
            load(nextToken);
        }
        S3Object object = page.get(index++);
        ObjectNode item = Json.object();
        item.put("Etag", object.eTag());
        item.put("Key", object.key());
        item.put("LastModified", object.lastModified() == null ? 0 : object.lastModified().getEpochSecond());
        item.put("Size", object.size() == null ? 0 : object.size());
        item.put("StorageClass", object.storageClassAsString() == null ? "STANDARD" : object.storageClassAsString());
        return item;
    }

    @Override
    public JsonNode positionOfLast() {
        ObjectNode position = Json.object().put("skip", index - 1);
        if (pageToken != null) {
            position.put("token", pageToken);
        }
        return position;
    }

    @Override
    public void close() {
    }
}
