package dev.stepwise.store.memory;

import static dev.stepwise.store.TableLayout.HEADER;
import static dev.stepwise.store.TableLayout.INPUT;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.HistoryOrder;
import dev.stepwise.store.JoinCount;
import dev.stepwise.store.Joins;
import dev.stepwise.store.Loaded;
import dev.stepwise.store.StartRecord;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.StoredItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link StepItems} and {@link Joins} in memory: stored items as records, join counts as sets of indexes. */
final class MemoryStepItems implements StepItems, Joins {
    private final MemoryTable table;
    /** The branch indexes each join counted (DynamoDB keeps them as a number set on the join item). */
    private final Map<String, Set<Integer>> counted = new HashMap<>();

    MemoryStepItems(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Loaded load(String executionArn, String stepKey, List<String> others, boolean withInput) {
        ExecutionHeader header = (ExecutionHeader) table.get(executionArn, HEADER);
        Map<String, StoredItem> found = new HashMap<>();
        for (String other : others) {
            item(executionArn, other).ifPresent(item -> found.put(other, item));
        }
        StartRecord start = withInput ? (StartRecord) table.get(executionArn, INPUT) : null;
        return new Loaded(header, item(executionArn, stepKey).orElse(null), found, start == null ? null : Json.parse(start.input()));
    }

    @Override
    public Optional<StoredItem> item(String executionArn, String key) {
        Object value = table.get(executionArn, key);
        return value instanceof StoredItem item ? Optional.of(item) : Optional.empty();
    }

    @Override
    public boolean putIfAbsent(String executionArn, StoredItem item) {
        return table.putIfAbsent(executionArn, item.key(), item);
    }

    @Override
    public void putAll(String executionArn, List<StoredItem> items) {
        items.forEach(item -> table.put(executionArn, item.key(), item));
    }

    @Override
    public List<StoredItem> items(String executionArn, String prefix) {
        return table.prefixed(executionArn, prefix).stream().filter(e -> e.getValue() instanceof StoredItem)
                .map(e -> (StoredItem) e.getValue()).toList();
    }

    @Override
    public void delete(String executionArn, String key) {
        table.remove(executionArn, key);
    }

    @Override
    public long allocateEvents(String executionArn, int count) {
        ExecutionHeader after = table.<ExecutionHeader>update(executionArn, HEADER, h -> withCounter(h, h.eventCounter() + count));
        return after.eventCounter() - count + 1;
    }

    @Override
    public void raiseEventCounter(String executionArn, long lastUsed) {
        table.<ExecutionHeader>update(executionArn, HEADER, h -> h.eventCounter() >= lastUsed ? null : withCounter(h, lastUsed));
    }

    private static ExecutionHeader withCounter(ExecutionHeader h, long counter) {
        return new ExecutionHeader(h.executionArn(), h.name(), h.stateMachineArn(), h.revision(), h.stateMachineName(), h.roleArn(),
                h.status(), h.startDate(), h.stopDate(), h.output(), h.error(), h.cause(), h.timeoutSeconds(), h.redriveCount(),
                h.redriveDate(), h.redriveToken(), counter, h.api(), h.listedUnder());
    }

    @Override
    public ArrayNode history(String executionArn) {
        return HistoryOrder.number(chunks(executionArn));
    }

    @Override
    public long lastEventId(String executionArn) {
        return HistoryOrder.lastStoredId(chunks(executionArn));
    }

    private List<ArrayNode> chunks(String executionArn) {
        List<ArrayNode> chunks = new ArrayList<>();
        for (Map.Entry<String, Object> entry : table.prefixed(executionArn, "")) {
            if (entry.getValue() instanceof StoredItem item && item.hasEvents()) {
                chunks.add(item.events());
            }
        }
        return chunks;
    }

    @Override
    public JoinCount countBranch(String executionArn, String joinKey, int index, boolean failed) {
        synchronized (table) {
            StoredItem join = item(executionArn, joinKey).orElseThrow(() ->
                    new IllegalStateException("the join " + joinKey + " of " + executionArn + " does not exist"));
            boolean fresh = counted.computeIfAbsent(executionArn + "\n" + joinKey, k -> new HashSet<>()).add(index);
            if (fresh) {
                join = new StoredItem(join.key(), join.kind(), join.body(), join.firstEventId(), join.events(), join.done() + 1,
                        join.failed() + (failed ? 1 : 0), join.state(), join.error(), join.cause());
                table.put(executionArn, joinKey, join);
            }
            return new JoinCount(join.done(), join.failed(), fresh, join.state(), join.body());
        }
    }

    @Override
    public boolean closeJoin(String executionArn, String joinKey, String state, String error, String cause) {
        return table.<StoredItem>update(executionArn, joinKey, join -> join == null || join.state() != null ? null
                : new StoredItem(join.key(), join.kind(), join.body(), join.firstEventId(), join.events(), join.done(),
                        join.failed(), state, error, cause)) != null;
    }
}
