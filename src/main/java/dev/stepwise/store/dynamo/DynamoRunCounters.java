package dev.stepwise.store.dynamo;

import static dev.stepwise.store.DynamoTable.n;
import static dev.stepwise.store.DynamoTable.num;
import static dev.stepwise.store.TableLayout.*;

import dev.stepwise.store.CounterState;
import dev.stepwise.store.DynamoTable;
import dev.stepwise.store.RunCounters;
import dev.stepwise.store.Tally;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * {@link RunCounters} on the table: one conditional update counts a member and adds its tally
 * ({@code ADD} to a number set and to the totals, refused when the set holds the member), so a
 * count told again is refused, not counted twice; no transaction is needed.
 */
public final class DynamoRunCounters implements RunCounters {
    private static final Map<String, String> TALLY = Map.of("#cs", CHILDREN_SUCCEEDED, "#cf", CHILDREN_FAILED,
            "#ct", CHILDREN_TIMED_OUT, "#ca", CHILDREN_ABORTED, "#is", ITEMS_SUCCEEDED, "#if", ITEMS_FAILED,
            "#it", ITEMS_TIMED_OUT, "#ia", ITEMS_ABORTED);

    private final DynamoTable table;

    public DynamoRunCounters(DynamoTable table) {
        this.table = table;
    }

    @Override
    public CounterState expect(Key counter, long members, long items) {
        var response = table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(counter.pk(), counter.sk()))
                .updateExpression("SET #exp = :e, #ei = :i" + table.ttlUpdate())
                .expressionAttributeNames(namesWithTtl(Map.of("#exp", EXPECTED, "#ei", EXPECTED_ITEMS)))
                .expressionAttributeValues(valuesWithTtl(Map.of(":e", n(members), ":i", n(items))))
                .returnValues(ReturnValue.ALL_NEW));
        return state(response.attributes(), false);
    }

    @Override
    public CounterState count(Key counter, long member, Tally tally, boolean failed) {
        Map<String, String> names = new HashMap<>(TALLY);
        names.put("#m", COUNTED);
        if (failed) {
            names.put("#fm", COUNTED_FAILED);
        }
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":set", AttributeValue.fromNs(List.of(Long.toString(member))));
        values.put(":m", n(member));
        values.put(":cs", n(tally.childrenSucceeded()));
        values.put(":cf", n(tally.childrenFailed()));
        values.put(":ct", n(tally.childrenTimedOut()));
        values.put(":ca", n(tally.childrenAborted()));
        values.put(":is", n(tally.itemsSucceeded()));
        values.put(":if", n(tally.itemsFailed()));
        values.put(":it", n(tally.itemsTimedOut()));
        values.put(":ia", n(tally.itemsAborted()));
        String update = "ADD #m :set, #cs :cs, #cf :cf, #ct :ct, #ca :ca, #is :is, #if :if, #it :it, #ia :ia"
                + (failed ? ", #fm :set" : "") + (table.ttlUpdate().isEmpty() ? "" : " SET" + table.ttlUpdate().substring(1));
        try {
            var response = table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(counter.pk(), counter.sk()))
                    .updateExpression(update).conditionExpression("NOT contains(#m, :m)")
                    .expressionAttributeNames(namesWithTtl(names)).expressionAttributeValues(valuesWithTtl(values))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return state(response.attributes(), true);
        } catch (ConditionalCheckFailedException counted) {
            Map<String, AttributeValue> current = counted.item();
            if (current == null || current.isEmpty()) {
                current = table.get(counter.pk(), counter.sk(), true);
            }
            return state(current, false);
        }
    }

    @Override
    public Optional<CounterState> read(Key counter) {
        return Optional.ofNullable(table.get(counter.pk(), counter.sk(), true)).map(item -> state(item, false));
    }

    @Override
    public Map<Key, CounterState> readAll(List<Key> counters) {
        List<Map<String, AttributeValue>> keys = counters.stream().distinct().map(k -> DynamoTable.key(k.pk(), k.sk())).toList();
        Map<Key, CounterState> found = new HashMap<>();
        table.batchGet(keys, true, null, item -> found.put(new Key(item.get(PK).s(), item.get(SK).s()), state(item, false)));
        return found;
    }

    @Override
    public void put(Key counter, CounterState state) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(counter.pk(), counter.sk()));
        if (!state.counted().isEmpty()) {
            item.put(COUNTED, numbers(state.counted()));
        }
        if (!state.failed().isEmpty()) {
            item.put(COUNTED_FAILED, numbers(state.failed()));
        }
        if (state.expected() != null) {
            item.put(EXPECTED, n(state.expected()));
            item.put(EXPECTED_ITEMS, n(state.expectedItems()));
        }
        Tally t = state.tally();
        item.put(CHILDREN_SUCCEEDED, n(t.childrenSucceeded()));
        item.put(CHILDREN_FAILED, n(t.childrenFailed()));
        item.put(CHILDREN_TIMED_OUT, n(t.childrenTimedOut()));
        item.put(CHILDREN_ABORTED, n(t.childrenAborted()));
        item.put(ITEMS_SUCCEEDED, n(t.itemsSucceeded()));
        item.put(ITEMS_FAILED, n(t.itemsFailed()));
        item.put(ITEMS_TIMED_OUT, n(t.itemsTimedOut()));
        item.put(ITEMS_ABORTED, n(t.itemsAborted()));
        item.put(FAILED_BY_CHUNK, AttributeValue.fromM(Map.of()));
        item.put(READ_PAGES, n(state.readPages()));
        item.put(READ_CHILDREN, n(state.readChildren()));
        item.put(READ_ITEMS, n(state.readItems()));
        table.put(table.stamped(item));
    }

    @Override
    public CounterState reportFailures(Key root, int chunk, long failed) {
        Map<String, String> names = Map.of("#fc", FAILED_BY_CHUNK, "#c", Integer.toString(chunk));
        Map<String, AttributeValue> values = Map.of(":f", n(failed));
        for (int attempt = 0; ; attempt++) {
            try {
                var response = table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(root.pk(), root.sk()))
                        .updateExpression("SET #fc.#c = :f").conditionExpression("attribute_not_exists(#fc.#c) OR #fc.#c < :f")
                        .expressionAttributeNames(names).expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW));
                return state(response.attributes(), false);
            } catch (ConditionalCheckFailedException higher) {
                return state(table.get(root.pk(), root.sk(), true), false);
            } catch (DynamoDbException noMap) {
                // The document path needs the map: create it once, then set the chunk's count.
                if (attempt > 0) {
                    throw noMap;
                }
                table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(root.pk(), root.sk()))
                        .updateExpression("SET #fc = if_not_exists(#fc, :empty)").expressionAttributeNames(Map.of("#fc", FAILED_BY_CHUNK))
                        .expressionAttributeValues(Map.of(":empty", AttributeValue.fromM(Map.of()))));
            }
        }
    }

    @Override
    public void reportRead(Key root, long pages, long children, long items) {
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(root.pk(), root.sk()))
                    .updateExpression("SET #rp = :p, #rc = :c, #ri = :i")
                    .conditionExpression("attribute_not_exists(#rp) OR #rp < :p")
                    .expressionAttributeNames(Map.of("#rp", READ_PAGES, "#rc", READ_CHILDREN, "#ri", READ_ITEMS))
                    .expressionAttributeValues(Map.of(":p", n(pages), ":c", n(children), ":i", n(items))));
        } catch (ConditionalCheckFailedException already) {
            // a later page was reported already
        }
    }

    private Map<String, String> namesWithTtl(Map<String, String> names) {
        if (table.ttlUpdate().isEmpty()) {
            return names;
        }
        Map<String, String> copy = new HashMap<>(names);
        copy.put("#ttl", TTL);
        return copy;
    }

    private Map<String, AttributeValue> valuesWithTtl(Map<String, AttributeValue> values) {
        if (table.ttlUpdate().isEmpty()) {
            return values;
        }
        Map<String, AttributeValue> copy = new HashMap<>(values);
        copy.put(":ttl", table.ttlValue());
        return copy;
    }

    private static AttributeValue numbers(Set<Long> members) {
        return AttributeValue.fromNs(members.stream().map(String::valueOf).toList());
    }

    private static Set<Long> members(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        Set<Long> members = new HashSet<>();
        if (value != null && value.hasNs()) {
            value.ns().forEach(number -> members.add(Long.parseLong(number)));
        }
        return members;
    }

    private static long failures(Map<String, AttributeValue> item) {
        AttributeValue map = item == null ? null : item.get(FAILED_BY_CHUNK);
        long total = 0;
        if (map != null && map.hasM()) {
            for (AttributeValue count : map.m().values()) {
                total += Long.parseLong(count.n());
            }
        }
        return total;
    }

    private static CounterState state(Map<String, AttributeValue> item, boolean fresh) {
        if (item == null) {
            return new CounterState(Set.of(), Set.of(), null, 0, Tally.NONE, fresh, 0, 0, 0, 0);
        }
        Tally tally = new Tally(num(item, CHILDREN_SUCCEEDED), num(item, CHILDREN_FAILED), num(item, CHILDREN_TIMED_OUT),
                num(item, CHILDREN_ABORTED), num(item, ITEMS_SUCCEEDED), num(item, ITEMS_FAILED), num(item, ITEMS_TIMED_OUT),
                num(item, ITEMS_ABORTED));
        Long expected = item.containsKey(EXPECTED) ? num(item, EXPECTED) : null;
        return new CounterState(members(item, COUNTED), members(item, COUNTED_FAILED), expected, num(item, EXPECTED_ITEMS), tally,
                fresh, failures(item),
                num(item, READ_PAGES), num(item, READ_CHILDREN), num(item, READ_ITEMS));
    }
}
