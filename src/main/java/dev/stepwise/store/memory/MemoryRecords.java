package dev.stepwise.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.store.Records;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Records} in memory: each record with its version. */
final class MemoryRecords implements Records {
    private record Stored(JsonNode record, long version) {
    }

    private final MemoryTable table;

    MemoryRecords(MemoryTable table) {
        this.table = table;
    }

    @Override
    public boolean create(String partition, String key, JsonNode record) {
        return table.putIfAbsent(partition, key, new Stored(record, 0));
    }

    @Override
    public boolean replace(String partition, String key, JsonNode record) {
        return table.<Stored>update(partition, key, old -> old == null ? null : new Stored(record, old.version())) != null;
    }

    @Override
    public void put(String partition, String key, JsonNode record) {
        table.put(partition, key, new Stored(record, 0));
    }

    @Override
    public Optional<JsonNode> get(String partition, String key) {
        Object value = table.get(partition, key);
        return value instanceof Stored stored ? Optional.of(stored.record()) : Optional.empty();
    }

    @Override
    public boolean delete(String partition, String key) {
        return table.remove(partition, key) != null;
    }

    @Override
    public RecordPage page(String partition, String after, int limit, boolean ascending) {
        List<Keyed> all = new ArrayList<>(all(partition));
        if (!ascending) {
            java.util.Collections.reverse(all);
        }
        List<Keyed> page = new ArrayList<>();
        boolean started = after == null;
        for (Keyed keyed : all) {
            if (!started) {
                started = keyed.key().equals(after);
                continue;
            }
            if (page.size() == limit) {
                return new RecordPage(List.copyOf(page), page.get(page.size() - 1).key());
            }
            page.add(keyed);
        }
        return new RecordPage(List.copyOf(page), null);
    }

    @Override
    public List<Keyed> all(String partition) {
        List<Keyed> all = new ArrayList<>();
        for (Map.Entry<String, Object> entry : table.prefixed(partition, "")) {
            if (entry.getValue() instanceof Stored stored) {
                all.add(new Keyed(entry.getKey(), stored.record()));
            }
        }
        return all;
    }

    @Override
    public long increment(String partition, String key) {
        return table.<Long>update(partition, key, n -> n == null ? 1L : n + 1);
    }

    @Override
    public Optional<Versioned> versioned(String partition, String key) {
        Object value = table.get(partition, key);
        return value instanceof Stored stored ? Optional.of(new Versioned(stored.record(), stored.version())) : Optional.empty();
    }

    @Override
    public boolean putVersioned(String partition, String key, JsonNode record, long expected) {
        return table.<Stored>update(partition, key, old -> (old == null ? 0 : old.version()) != expected ? null
                : new Stored(record, expected + 1)) != null;
    }
}
