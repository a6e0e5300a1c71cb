package dev.stepwise.store.dynamo;

import static dev.stepwise.store.DynamoTable.n;
import static dev.stepwise.store.DynamoTable.num;
import static dev.stepwise.store.DynamoTable.s;
import static dev.stepwise.store.DynamoTable.str;
import static dev.stepwise.store.TableLayout.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.store.DynamoTable;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.HistoryOrder;
import dev.stepwise.store.Loaded;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.StoredItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link StepItems} on the table. A step's load is one BatchGetItem, eventually consistent (half
 * the price of a consistent read): the header, the step and the items that show whether it
 * already ran. Eventual reads are safe there: the commit that follows is conditional and catches
 * a replay the read missed; a header or step item read too early (written just before the
 * message was sent) is read again, consistently; and a StopExecution the read has not seen yet
 * is one a consistent read could have missed as well, by a moment — the step after it halts.
 */
public final class DynamoStepItems implements StepItems {
    private final DynamoTable table;

    public DynamoStepItems(DynamoTable table) {
        this.table = table;
    }

    @Override
    public Loaded load(String executionArn, String stepKey, List<String> others, boolean withInput) {
        List<String> keys = new ArrayList<>(others.size() + 3);
        keys.add(HEADER);
        keys.add(stepKey);
        keys.addAll(others);
        if (withInput) {
            keys.add(INPUT);
        }
        Map<String, Map<String, AttributeValue>> found = table.batchGet(executionArn, keys, false, null);
        for (String written : withInput ? List.of(HEADER, stepKey, INPUT) : List.of(HEADER, stepKey)) {
            if (!found.containsKey(written)) {
                Optional.ofNullable(table.get(executionArn, written, true)).ifPresent(item -> found.put(written, item));
            }
        }
        Map<String, AttributeValue> header = found.get(HEADER);
        Map<String, StoredItem> otherItems = new HashMap<>();
        for (String other : others) {
            if (found.containsKey(other)) {
                otherItems.put(other, storedItem(found.get(other)));
            }
        }
        ExecutionHeader loadedHeader = header == null ? null : HeaderCodec.header(header);
        StoredItem step = found.containsKey(stepKey) ? storedItem(found.get(stepKey)) : null;
        JsonNode input = withInput && found.containsKey(INPUT) ? Json.parse(table.text(found.get(INPUT), INPUT_TEXT)) : null;
        return new Loaded(loadedHeader, step, otherItems, input);
    }

    @Override
    public Optional<StoredItem> item(String executionArn, String key) {
        return Optional.ofNullable(table.get(executionArn, key, true)).map(this::storedItem);
    }

    @Override
    public boolean putIfAbsent(String executionArn, StoredItem item) {
        return table.putIfAbsent(table.stamped(attributes(executionArn, item)));
    }

    @Override
    public void putAll(String executionArn, List<StoredItem> items) {
        table.putAll(items.stream().map(item -> table.stamped(attributes(executionArn, item))).toList());
    }

    @Override
    public List<StoredItem> items(String executionArn, String prefix) {
        return table.prefixed(executionArn, prefix, true).stream().map(this::storedItem).toList();
    }

    @Override
    public void delete(String executionArn, String key) {
        table.delete(executionArn, key, false);
    }

    @Override
    public long allocateEvents(String executionArn, int count) {
        var response = table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(executionArn, HEADER))
                .updateExpression("ADD " + EVENT_COUNTER + " :n").expressionAttributeValues(Map.of(":n", n(count)))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get(EVENT_COUNTER).n()) - count + 1;
    }

    @Override
    public void raiseEventCounter(String executionArn, long lastUsed) {
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(executionArn, HEADER))
                    .updateExpression("SET " + EVENT_COUNTER + " = :n").conditionExpression(EVENT_COUNTER + " < :n")
                    .expressionAttributeValues(Map.of(":n", n(lastUsed))));
        } catch (ConditionalCheckFailedException alreadyHigher) {
            // a replay, or branches already took ids past it
        }
    }

    @Override
    public ArrayNode history(String executionArn) {
        return HistoryOrder.number(chunks(executionArn));
    }

    @Override
    public long lastEventId(String executionArn) {
        return HistoryOrder.lastStoredId(chunks(executionArn));
    }

    /** Every chunk of the partition: one query, paged. */
    private List<ArrayNode> chunks(String executionArn) {
        List<ArrayNode> chunks = new ArrayList<>();
        table.query(QueryRequest.builder().consistentRead(true)
                .keyConditionExpression(PK + " = :pk").expressionAttributeValues(Map.of(":pk", s(executionArn)))
                .filterExpression("attribute_exists(" + FIRST_EVENT + ")")
                .projectionExpression(String.join(", ", PK, SK, FIRST_EVENT, EVENTS, EVENTS + "z", EVENTS + "p")).build(),
                Integer.MAX_VALUE, item -> chunks.add((ArrayNode) Json.parse(table.text(item, EVENTS))));
        return chunks;
    }

    static Map<String, AttributeValue> attributes(String executionArn, StoredItem stored) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(executionArn, stored.key()));
        item.put(KIND, s(stored.kind().wire()));
        DynamoTable.putText(item, BODY, Json.write(stored.body()));
        if (stored.hasEvents()) {
            item.put(FIRST_EVENT, n(stored.firstEventId()));
            DynamoTable.putText(item, EVENTS, Json.write(stored.events()));
        }
        return item;
    }

    StoredItem storedItem(Map<String, AttributeValue> item) {
        ArrayNode events = DynamoTable.hasText(item, EVENTS) ? (ArrayNode) Json.parse(table.text(item, EVENTS)) : null;
        String body = table.text(item, BODY);
        String kind = str(item, KIND); // none on a part item
        return new StoredItem(item.get(SK).s(), kind == null ? null : dev.stepwise.store.ItemKind.of(kind), body == null ? null : Json.parse(body),
                num(item, FIRST_EVENT), events, (int) num(item, JOIN_DONE), (int) num(item, JOIN_FAILED),
                str(item, JOIN_STATE), str(item, JOIN_ERROR), str(item, JOIN_CAUSE));
    }
}
