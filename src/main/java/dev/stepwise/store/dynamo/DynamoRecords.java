package dev.stepwise.store.dynamo;

import static dev.stepwise.store.DynamoTable.n;
import static dev.stepwise.store.DynamoTable.num;
import static dev.stepwise.store.DynamoTable.s;
import static dev.stepwise.store.TableLayout.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.store.DynamoTable;
import dev.stepwise.store.Records;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** {@link Records} on the table: one item per record, its JSON in {@value dev.stepwise.store.TableLayout#RECORD}. */
public final class DynamoRecords implements Records {
    private final DynamoTable table;

    public DynamoRecords(DynamoTable table) {
        this.table = table;
    }

    @Override
    public boolean create(String partition, String key, JsonNode record) {
        return table.putIfAbsent(item(partition, key, record));
    }

    @Override
    public boolean replace(String partition, String key, JsonNode record) {
        return table.replaceIfPresent(item(partition, key, record));
    }

    @Override
    public void put(String partition, String key, JsonNode record) {
        table.put(item(partition, key, record));
    }

    @Override
    public Optional<JsonNode> get(String partition, String key) {
        return Optional.ofNullable(table.get(partition, key, true)).map(this::record);
    }

    @Override
    public boolean delete(String partition, String key) {
        return table.delete(partition, key, true);
    }

    @Override
    public RecordPage page(String partition, String after, int limit, boolean ascending) {
        QueryRequest.Builder query = QueryRequest.builder().consistentRead(true).scanIndexForward(ascending).limit(limit + 1)
                .keyConditionExpression(PK + " = :pk").expressionAttributeValues(Map.of(":pk", s(partition)));
        if (after != null) {
            query.exclusiveStartKey(DynamoTable.key(partition, after));
        }
        List<Keyed> found = new ArrayList<>();
        table.query(query.build(), limit + 1, item -> found.add(new Keyed(item.get(SK).s(), record(item))));
        List<Keyed> page = List.copyOf(found.subList(0, Math.min(limit, found.size())));
        return new RecordPage(page, found.size() > limit ? page.get(page.size() - 1).key() : null);
    }

    @Override
    public List<Keyed> all(String partition) {
        return table.queryAll(QueryRequest.builder().consistentRead(true).keyConditionExpression(PK + " = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partition))).build())
                .stream().map(item -> new Keyed(item.get(SK).s(), record(item))).toList();
    }

    @Override
    public long increment(String partition, String key) {
        return Long.parseLong(table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(partition, key))
                .updateExpression("ADD " + COUNTER + " :one").expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get(COUNTER).n());
    }

    @Override
    public Optional<Versioned> versioned(String partition, String key) {
        return Optional.ofNullable(table.get(partition, key, true))
                .map(item -> new Versioned(record(item), num(item, RECORD_REVISION)));
    }

    @Override
    public boolean putVersioned(String partition, String key, JsonNode record, long expected) {
        Map<String, AttributeValue> item = item(partition, key, record);
        item.put(RECORD_REVISION, n(expected + 1));
        if (expected == 0) {
            return table.putIfAbsent(item);
        }
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item).conditionExpression(RECORD_REVISION + " = :v")
                    .expressionAttributeValues(Map.of(":v", n(expected))));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(String partition, String key, JsonNode record) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(partition, key));
        DynamoTable.putText(item, RECORD, Json.write(record));
        return item;
    }

    private JsonNode record(Map<String, AttributeValue> item) {
        return Json.parse(table.text(item, RECORD));
    }
}
