package dev.stepwise.store.memory;

import dev.stepwise.store.CounterState;
import dev.stepwise.store.RunCounters;
import dev.stepwise.store.Tally;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link RunCounters} in memory: each counter a record, changed atomically under the table's lock. */
final class MemoryRunCounters implements RunCounters {
    private final MemoryTable table;

    MemoryRunCounters(MemoryTable table) {
        this.table = table;
    }

    /** A counter as stored: the state plus the root's failures by chunk. */
    private record Stored(CounterState state, Map<Integer, Long> failuresByChunk) {
        static final Stored EMPTY = new Stored(new CounterState(Set.of(), Set.of(), null, 0, Tally.NONE, false, 0, 0, 0, 0), Map.of());

        Stored with(CounterState next) {
            return new Stored(next, failuresByChunk);
        }
    }

    private Stored stored(Key counter) {
        Object value = table.get(counter.pk(), counter.sk());
        return value instanceof Stored stored ? stored : Stored.EMPTY;
    }

    @Override
    public CounterState expect(Key counter, long members, long items) {
        return table.<Stored>update(counter.pk(), counter.sk(), current -> {
            Stored s = current == null ? Stored.EMPTY : current;
            CounterState c = s.state();
            return s.with(new CounterState(c.counted(), c.failed(), members, items, c.tally(), false, c.failures(), c.readPages(),
                    c.readChildren(), c.readItems()));
        }).state();
    }

    @Override
    public CounterState count(Key counter, long member, Tally tally, boolean failed) {
        synchronized (table) {
            Stored s = stored(counter);
            CounterState c = s.state();
            if (c.counted().contains(member)) {
                return c.asReplay();
            }
            Set<Long> counted = new HashSet<>(c.counted());
            counted.add(member);
            Set<Long> failures = new HashSet<>(c.failed());
            if (failed) {
                failures.add(member);
            }
            CounterState next = new CounterState(counted, failures, c.expected(), c.expectedItems(), c.tally().plus(tally), true, c.failures(),
                    c.readPages(), c.readChildren(), c.readItems());
            table.put(counter.pk(), counter.sk(), s.with(next));
            return next;
        }
    }

    @Override
    public Optional<CounterState> read(Key counter) {
        Object value = table.get(counter.pk(), counter.sk());
        return value instanceof Stored stored ? Optional.of(stored.state().asReplay()) : Optional.empty();
    }

    @Override
    public Map<Key, CounterState> readAll(List<Key> counters) {
        Map<Key, CounterState> found = new HashMap<>();
        for (Key counter : counters) {
            read(counter).ifPresent(state -> found.put(counter, state));
        }
        return found;
    }

    @Override
    public void put(Key counter, CounterState state) {
        table.put(counter.pk(), counter.sk(), new Stored(state.asReplay(), Map.of()));
    }

    @Override
    public CounterState reportFailures(Key root, int chunk, long failed) {
        synchronized (table) {
            Stored s = stored(root);
            Map<Integer, Long> byChunk = new HashMap<>(s.failuresByChunk());
            byChunk.merge(chunk, failed, Math::max);
            long total = byChunk.values().stream().mapToLong(Long::longValue).sum();
            CounterState c = s.state();
            CounterState next = new CounterState(c.counted(), c.failed(), c.expected(), c.expectedItems(), c.tally(), false,
                    total, c.readPages(), c.readChildren(), c.readItems());
            table.put(root.pk(), root.sk(), new Stored(next, byChunk));
            return next;
        }
    }

    @Override
    public void reportRead(Key root, long pages, long children, long items) {
        table.<Stored>update(root.pk(), root.sk(), current -> {
            Stored s = current == null ? Stored.EMPTY : current;
            CounterState c = s.state();
            if (c.readPages() >= pages) {
                return null;
            }
            return s.with(new CounterState(c.counted(), c.failed(), c.expected(), c.expectedItems(), c.tally(), false, c.failures(),
                    pages, children, items));
        });
    }
}
