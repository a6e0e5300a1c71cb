package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The API's records (state machines, versions, aliases, tags): JSON documents in partitions,
 * listed in key order. Every write is a single conditional write; records may be as large as a
 * definition.
 */
public interface Records {

    /** A record and its key within its partition. */
    record Keyed(String key, JsonNode record) {
    }

    /** A page of a partition, and the key the next page starts after (null on the last page). */
    record RecordPage(List<Keyed> items, String next) {
    }

    /** A record with its revision, for optimistic updates. */
    record Versioned(JsonNode record, long version) {
    }

    /** Creates the record unless one exists; true when this call created it. */
    boolean create(String partition, String key, JsonNode record);

    /** Replaces an existing record; false when there is none. */
    boolean replace(String partition, String key, JsonNode record);

    void put(String partition, String key, JsonNode record);

    Optional<JsonNode> get(String partition, String key);

    /** Deletes an existing record; false when there was none. */
    boolean delete(String partition, String key);

    /** Up to {@code limit} records after key {@code after} (null: from the start), ascending or descending by key. */
    RecordPage page(String partition, String after, int limit, boolean ascending);

    List<Keyed> all(String partition);

    /** Adds one to a counter (created at 0) and returns the new value; counters are never reused. */
    long increment(String partition, String key);

    Optional<Versioned> versioned(String partition, String key);

    /** Writes the record if its version is still {@code expected} (0: it must not exist yet); true when it did. */
    boolean putVersioned(String partition, String key, JsonNode record, long expected);
}
