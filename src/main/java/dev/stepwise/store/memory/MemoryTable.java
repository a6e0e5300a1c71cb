package dev.stepwise.store.memory;

import dev.stepwise.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The table in this process's memory, for {@code --in-memory}, TestState and the runtime's fast
 * tests: the same partitions and sort keys as the DynamoDB table ({@link dev.stepwise.store.TableLayout}),
 * each value the typed record the ports read and write. One lock makes every operation atomic,
 * which is what the DynamoDB adapters get from conditional writes.
 */
public final class MemoryTable {
    private final Map<String, NavigableMap<String, Object>> partitions = new TreeMap<>();

    public Store store() {
        MemoryStepItems steps = new MemoryStepItems(this);
        return new Store(new MemoryHeaders(this), steps, steps, new MemoryRunCounters(this), new MemoryDefinitions(this), new MemoryRecords(this),
                new MemoryActivities(this));
    }

    synchronized Object get(String pk, String sk) {
        NavigableMap<String, Object> partition = partitions.get(pk);
        return partition == null ? null : partition.get(sk);
    }

    synchronized boolean putIfAbsent(String pk, String sk, Object value) {
        return partitions.computeIfAbsent(pk, p -> new TreeMap<>()).putIfAbsent(sk, value) == null;
    }

    synchronized void put(String pk, String sk, Object value) {
        partitions.computeIfAbsent(pk, p -> new TreeMap<>()).put(sk, value);
    }

    synchronized Object remove(String pk, String sk) {
        NavigableMap<String, Object> partition = partitions.get(pk);
        return partition == null ? null : partition.remove(sk);
    }

    /**
     * Replaces the value at (pk, sk) with what {@code change} makes of it, atomically; the change
     * sees null when there is none, and returning null leaves the table as it was. Returns the new value.
     */
    synchronized <T> T update(String pk, String sk, Function<T, T> change) {
        @SuppressWarnings("unchecked")
        T current = (T) get(pk, sk);
        T next = change.apply(current);
        if (next != null) {
            put(pk, sk, next);
        }
        return next;
    }

    /** The values of a partition whose sort key starts with {@code prefix}, in key order. */
    synchronized List<Map.Entry<String, Object>> prefixed(String pk, String prefix) {
        NavigableMap<String, Object> partition = partitions.get(pk);
        if (partition == null) {
            return List.of();
        }
        List<Map.Entry<String, Object>> found = new ArrayList<>();
        for (Map.Entry<String, Object> entry : partition.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            found.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        return found;
    }

    /** Every (pk, value) at sort key {@code sk} whose value passes {@code filter}: the scans of a local recovery. */
    synchronized List<Map.Entry<String, Object>> scan(String sk, Predicate<Object> filter) {
        List<Map.Entry<String, Object>> found = new ArrayList<>();
        partitions.forEach((pk, partition) -> {
            Object value = partition.get(sk);
            if (value != null && filter.test(value)) {
                found.add(Map.entry(pk, value));
            }
        });
        return found;
    }
}
