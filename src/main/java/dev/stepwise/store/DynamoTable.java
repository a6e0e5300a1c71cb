package dev.stepwise.store;

import static dev.stepwise.store.TableLayout.PART;
import static dev.stepwise.store.TableLayout.PART_DATA;
import static dev.stepwise.store.TableLayout.PK;
import static dev.stepwise.store.TableLayout.SK;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB calls every adapter shares, written once: reads by key (one or a batch, retrying
 * unprocessed keys), a query's pages, conditional and batched writes, and text values of any size
 * (compressed, and spilled to part items when even that exceeds what an item holds).
 */
public final class DynamoTable {
    /** Text longer than this is stored gzip-compressed. */
    private static final int COMPRESS_ABOVE = 16 * 1024;
    /** Above this an item's largest values move to part items (DynamoDB's item limit is 400 KB). */
    private static final int SPILL_ABOVE = 350 * 1024;
    private static final int PART_BYTES = 300 * 1024;
    private static final int BATCH_GET = 100;
    private static final int BATCH_WRITE = 25;

    private final DynamoDbClient dynamo;
    private final String name;
    /** How long an execution's items live after they are written (null: they carry no ttl). */
    private final Duration itemLifetime;

    public DynamoTable(DynamoDbClient dynamo, String name) {
        this(dynamo, name, null);
    }

    /** {@code itemLifetime}: how long after its write an item {@link #stamped} expires with the table's TTL. */
    public DynamoTable(DynamoDbClient dynamo, String name, Duration itemLifetime) {
        this.dynamo = dynamo;
        this.name = name;
        this.itemLifetime = itemLifetime;
    }

    // ---- expiry -------------------------------------------------------------------------------

    /** The item with its {@value TableLayout#TTL}: now plus the item lifetime (unchanged when the table has none). */
    public Map<String, AttributeValue> stamped(Map<String, AttributeValue> item) {
        if (itemLifetime == null) {
            return item;
        }
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.put(TableLayout.TTL, ttlValue());
        return copy;
    }

    /** {@code ", #ttl = :ttl"} for an update's SET clause that stamps the item too, or "" without a lifetime. */
    public String ttlUpdate() {
        return itemLifetime == null ? "" : ", #ttl = :ttl";
    }

    /** The ttl an item written now gets (epoch seconds). */
    public AttributeValue ttlValue() {
        return n(Instant.now().plus(itemLifetime).getEpochSecond());
    }

    public DynamoDbClient client() {
        return dynamo;
    }

    public String name() {
        return name;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static String str(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.s() == null ? null : value.s();
    }

    public static long num(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    // ---- reads --------------------------------------------------------------------------------

    /** One item, or null. */
    public Map<String, AttributeValue> get(String pk, String sk, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(name).key(key(pk, sk)).consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** The items of these keys that exist, by their sort key within {@code pk}; {@code projection} may be null. */
    public Map<String, Map<String, AttributeValue>> batchGet(String pk, List<String> sortKeys, boolean consistent, String projection) {
        List<Map<String, AttributeValue>> keys = sortKeys.stream().distinct().map(sk -> key(pk, sk)).toList();
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        batchGet(keys, consistent, projection, item -> found.put(item.get(SK).s(), item));
        return found;
    }

    /** The items of these keys that exist, each handed to {@code into}; 100 keys a request, unprocessed keys again. */
    public void batchGet(List<Map<String, AttributeValue>> keys, boolean consistent, String projection,
                         Consumer<Map<String, AttributeValue>> into) {
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            KeysAndAttributes.Builder wanted = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET))).consistentRead(consistent);
            if (projection != null) {
                wanted.projectionExpression(projection);
            }
            Map<String, KeysAndAttributes> request = Map.of(name, wanted.build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(current));
                response.responses().getOrDefault(name, List.of()).forEach(into);
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
    }

    /** A query's items, every page of it. */
    public List<Map<String, AttributeValue>> queryAll(QueryRequest query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        query(query, Integer.MAX_VALUE, items::add);
        return items;
    }

    /**
     * A query's items, page after page, until {@code limit} items were handed over or it ends.
     * Returns the key to go on from (DynamoDB's LastEvaluatedKey of the last page read), or null.
     */
    public Map<String, AttributeValue> query(QueryRequest query, int limit, Consumer<Map<String, AttributeValue>> into) {
        Map<String, AttributeValue> start = query.exclusiveStartKey() == null || query.exclusiveStartKey().isEmpty()
                ? null : query.exclusiveStartKey();
        int handed = 0;
        do {
            QueryRequest page = start == null ? query : query.toBuilder().exclusiveStartKey(start).build();
            QueryResponse response = dynamo.query(page.toBuilder().tableName(name).build());
            for (Map<String, AttributeValue> item : response.items()) {
                into.accept(item);
                handed++;
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && handed < limit);
        return start;
    }

    /** Items of {@code pk} whose sort key starts with {@code prefix}, in sort key order. */
    public List<Map<String, AttributeValue>> prefixed(String pk, String prefix, boolean consistent) {
        return queryAll(QueryRequest.builder().consistentRead(consistent)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(prefix))).build());
    }

    // ---- writes -------------------------------------------------------------------------------

    /** Creates the item unless its key exists; true when this call created it. Large values' parts are written first. */
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> written = spill(item);
        try {
            dynamo.putItem(b -> b.tableName(name).item(written).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** Replaces the item only if its key exists; true when it did. */
    public boolean replaceIfPresent(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> written = spill(item);
        try {
            dynamo.putItem(b -> b.tableName(name).item(written).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }

    public void put(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> written = spill(item);
        dynamo.putItem(b -> b.tableName(name).item(written));
    }

    /** Unconditional puts, 25 per request, unprocessed items again. */
    public void putAll(List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH_WRITE) {
            List<WriteRequest> writes = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + BATCH_WRITE))) {
                Map<String, AttributeValue> written = spill(item);
                writes.add(WriteRequest.builder().putRequest(p -> p.item(written)).build());
            }
            Map<String, List<WriteRequest>> request = Map.of(name, writes);
            while (!request.isEmpty()) {
                Map<String, List<WriteRequest>> current = request;
                var response = dynamo.batchWriteItem(b -> b.requestItems(current));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Deletes the item; with {@code ifPresent}, true only when this call deleted an existing one. */
    public boolean delete(String pk, String sk, boolean ifPresent) {
        if (!ifPresent) {
            dynamo.deleteItem(b -> b.tableName(name).key(key(pk, sk)));
            return true;
        }
        try {
            dynamo.deleteItem(b -> b.tableName(name).key(key(pk, sk)).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }

    // ---- text of any size ---------------------------------------------------------------------

    /** Puts text under {@code attribute}: plain when short, gzip in {@code attribute + "z"} when long. */
    public static void putText(Map<String, AttributeValue> item, String attribute, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= COMPRESS_ABOVE) {
            item.put(attribute, s(text));
        } else {
            item.put(attribute + "z", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(bytes))));
        }
    }

    public static boolean hasText(Map<String, AttributeValue> item, String attribute) {
        return item.containsKey(attribute) || item.containsKey(attribute + "z") || item.containsKey(attribute + "p");
    }

    /** The text {@link #putText} stored, reading its parts when it was spilled; null when absent. */
    public String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue plain = item.get(attribute);
        if (plain != null && plain.s() != null) {
            return plain.s();
        }
        AttributeValue zipped = item.get(attribute + "z");
        byte[] bytes;
        if (zipped != null) {
            bytes = zipped.b().asByteArray();
        } else if (item.containsKey(attribute + "p")) {
            bytes = parts(item.get(PK).s(), item.get(attribute + "p").l());
        } else {
            return null;
        }
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The item as it can be written: while it is too large, its largest text value moves to part
     * items (written here, before the item that lists them) under keys unique to this write, so a
     * losing concurrent writer's parts are never read.
     */
    private Map<String, AttributeValue> spill(Map<String, AttributeValue> item) {
        if (size(item) <= SPILL_ABOVE) {
            return item;
        }
        Map<String, AttributeValue> written = new HashMap<>(item);
        while (size(written) > SPILL_ABOVE) {
            String largest = null;
            long most = 0;
            for (Map.Entry<String, AttributeValue> entry : written.entrySet()) {
                String attribute = entry.getKey().endsWith("z") ? entry.getKey().substring(0, entry.getKey().length() - 1) : entry.getKey();
                long size = valueSize(entry.getValue());
                boolean text = entry.getValue().s() != null || (entry.getKey().endsWith("z") && entry.getValue().b() != null);
                if (text && size > most && !attribute.equals(PK) && !attribute.equals(SK)) {
                    largest = attribute;
                    most = size;
                }
            }
            if (largest == null) {
                throw new IllegalStateException("an item of " + str(item, PK) + " is too large and has no value to move");
            }
            AttributeValue plain = written.remove(largest);
            AttributeValue zipped = written.remove(largest + "z");
            byte[] bytes = zipped != null ? zipped.b().asByteArray() : gzip(plain.s().getBytes(StandardCharsets.UTF_8));
            String nonce = UUID.randomUUID().toString();
            List<AttributeValue> keys = new ArrayList<>();
            List<Map<String, AttributeValue>> parts = new ArrayList<>();
            for (int from = 0, i = 0; from < bytes.length; from += PART_BYTES, i++) {
                String sk = PART + nonce + "#" + i;
                Map<String, AttributeValue> part = new HashMap<>(key(str(item, PK), sk));
                if (item.containsKey(TableLayout.TTL)) {
                    part.put(TableLayout.TTL, item.get(TableLayout.TTL)); // a part expires with its item
                }
                part.put(PART_DATA, AttributeValue.fromB(SdkBytes.fromByteArray(
                        Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + PART_BYTES)))));
                parts.add(part);
                keys.add(s(sk));
            }
            for (Map<String, AttributeValue> part : parts) {
                dynamo.putItem(b -> b.tableName(name).item(part));
            }
            written.put(largest + "p", AttributeValue.fromL(keys));
        }
        return written;
    }

    private byte[] parts(String pk, List<AttributeValue> keys) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        Map<String, Map<String, AttributeValue>> found = batchGet(pk, keys.stream().map(AttributeValue::s).toList(), true, null);
        for (AttributeValue key : keys) {
            Map<String, AttributeValue> part = found.get(key.s());
            if (part == null) {
                throw new IllegalStateException("the part " + key.s() + " of an item of " + pk + " is missing");
            }
            joined.writeBytes(part.get(PART_DATA).b().asByteArray());
        }
        return joined.toByteArray();
    }

    /** About the item's stored size: attribute names and values. */
    static long size(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            total += entry.getKey().length() + valueSize(entry.getValue());
        }
        return total;
    }

    private static long valueSize(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.b() != null) {
            return value.b().asByteArray().length;
        }
        if (value.hasL()) {
            return value.l().stream().mapToLong(DynamoTable::valueSize).sum() + 3;
        }
        if (value.hasNs()) {
            return value.ns().stream().mapToLong(number -> number.length() / 2 + 2).sum();
        }
        return 64;
    }

    private static byte[] gzip(byte[] text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
