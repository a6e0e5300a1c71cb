package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One item of an execution's collection as the runtime sees it: its sort key, its kind, its body
 * (the runtime's own JSON: the step, carried event ids, join settings, a branch's output ...), and
 * optionally the chunk of history events it carries ({@code events}, ids from {@code firstEventId}).
 * Join items also carry the atomic counters {@code done} and {@code failed}, and once closed the
 * join's {@code state} ("succeeded"/"failed") with the failure's {@code error} and {@code cause}.
 */
public record StoredItem(String key, ItemKind kind, JsonNode body, long firstEventId, ArrayNode events,
                         int done, int failed, String state, String error, String cause) {

    public static StoredItem of(String key, ItemKind kind, JsonNode body) {
        return new StoredItem(key, kind, body, 0, null, 0, 0, null, null, null);
    }

    public StoredItem withEvents(long first, ArrayNode chunk) {
        return new StoredItem(key, kind, body, first, chunk, done, failed, state, error, cause);
    }

    public StoredItem withKind(ItemKind other) {
        return new StoredItem(key, other, body, firstEventId, events, done, failed, state, error, cause);
    }

    public StoredItem withKey(String other) {
        return new StoredItem(other, kind, body, firstEventId, events, done, failed, state, error, cause);
    }

    public boolean hasEvents() {
        return events != null && !events.isEmpty();
    }
}
