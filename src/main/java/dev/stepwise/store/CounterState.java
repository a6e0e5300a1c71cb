package dev.stepwise.store;

import java.util.Set;

/**
 * A Map Run counter after a count (or as read): the members it counted and which of them failed,
 * how many it has ({@code expected}, null until known) and how many items they hold, their tally, whether this count was the
 * member's first ({@code fresh}); the root also carries its failures over all chunks and what its
 * reader read.
 */
public record CounterState(Set<Long> counted, Set<Long> failed, Long expected, long expectedItems, Tally tally, boolean fresh,
                           long failures, long readPages, long readChildren, long readItems) {

    public CounterState {
        counted = Set.copyOf(counted);
        failed = Set.copyOf(failed);
    }

    /** True once every member was counted. */
    public boolean complete() {
        return expected != null && counted.size() >= expected;
    }

    public CounterState asReplay() {
        return new CounterState(counted, failed, expected, expectedItems, tally, false, failures, readPages, readChildren, readItems);
    }
}
