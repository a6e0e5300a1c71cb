package dev.stepwise.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;

/**
 * An execution's steps and the history events they carry: the items of a partition, written once
 * (conditional puts), and the history read back in event order.
 */
public interface StepItems {

    /**
     * What one step needs, in as few reads as the store can: the header, the step item,
     * {@code others} (those that exist), and the input when {@code withInput}. The header and the
     * step are always found when they exist, even just written.
     */
    Loaded load(String executionArn, String stepKey, List<String> others, boolean withInput);

    Optional<StoredItem> item(String executionArn, String key);

    /** Creates the item unless one with its key exists; true when this call created it. */
    boolean putIfAbsent(String executionArn, StoredItem item);

    /**
     * Writes items unconditionally, batched. Only for items whose content matters before anything
     * reads them, such as branch start steps written before their fan-out commits.
     */
    void putAll(String executionArn, List<StoredItem> items);

    /** Items whose key starts with {@code prefix}, in key order. */
    List<StoredItem> items(String executionArn, String prefix);

    void delete(String executionArn, String key);

    /** Reserves {@code count} consecutive event ids from the header's counter; returns the first. */
    long allocateEvents(String executionArn, int count);

    /** Makes sure ids up to {@code lastUsed} are never allocated again. */
    void raiseEventCounter(String executionArn, long lastUsed);

    /**
     * Every history event in order, numbered 1..n. Ids are reserved before the step that uses
     * them commits, so a step that crashed in between leaves ids nobody uses; the history is
     * numbered by rank, so those gaps never show (see {@link HistoryOrder}).
     */
    ArrayNode history(String executionArn);

    /** The highest event id stored (not renumbered): ids past it were never used. */
    long lastEventId(String executionArn);

    /**
     * A page of {@link #history(String)}: up to {@code maxResults} events after event id
     * {@code after} (0 for the start), or before {@code after} in reverse order (0 for the end).
     */
    default HistoryPage history(String executionArn, boolean reverse, long after, int maxResults) {
        return HistoryOrder.page(history(executionArn), reverse, after, maxResults);
    }
}
