package dev.stepwise.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Map Run's counters ({@link TableLayout}: chunk, group and root items): each counts its members
 * once (a conditional write that refuses a member already counted), so an end told again counts
 * once, and no item takes more than one chunk's share of a run's writes.
 */
public interface RunCounters {

    /** Where a counter is: its partition and sort key. */
    record Key(String pk, String sk) {
    }

    /**
     * Sets how many members the counter has and how many items they hold (the same values again
     * change nothing); returns the counter, whose members may all have been counted already.
     */
    CounterState expect(Key counter, long members, long items);

    /** Counts {@code member} once, adding {@code tally} (and remembering it as failed when {@code failed}). */
    CounterState count(Key counter, long member, Tally tally, boolean failed);

    /** The counter as it stands, or empty when nothing was counted or expected yet. */
    Optional<CounterState> read(Key counter);

    /** Several counters at once: those that exist, by key. */
    Map<Key, CounterState> readAll(List<Key> counters);

    /** Writes a counter whole: a redrive's new attempt starts from what the last one counted. */
    void put(Key counter, CounterState state);

    /**
     * The root's failures of chunk {@code chunk} are {@code failed} (a count only grows, so a late or
     * repeated report changes nothing); returns the root, with the run's failures over all chunks.
     */
    CounterState reportFailures(Key root, int chunk, long failed);

    /** The root's reader read {@code pages} pages holding {@code children} children of {@code items} items (each only grows). */
    void reportRead(Key root, long pages, long children, long items);
}
