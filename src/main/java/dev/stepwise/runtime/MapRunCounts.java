package dev.stepwise.runtime;

import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FanIn;
import dev.stepwise.store.CounterState;
import dev.stepwise.store.ParentLink;
import dev.stepwise.store.RunCounters;
import dev.stepwise.store.RunPage;
import dev.stepwise.store.RunRecord;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.Tally;
import dev.stepwise.store.TableLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Map Run's fan-in ({@link FanIn.RunJoin} decides, this part applies): each child's end is
 * counted once into its chunk's counter; a chunk whose children all ended counts once into its
 * group, a group into the run's root, and the root's completion (or failures beyond the
 * tolerance) closes the run's join. Every count is one conditional write of a small item, so no
 * item takes more than a chunk's share of a run's ends, and an end told again (a redelivery, a
 * recovery) is refused by the counter and only redoes what follows the count.
 */
final class MapRunCounts {
    private final RuntimeEnv env;
    private final MapRuns runs;
    private final RunCounters counters;

    /** DescribeMapRun's executionCounts and itemCounts. */
    record Snapshot(MapRuns.Counts executions, MapRuns.Counts items) {
    }

    MapRunCounts(RuntimeEnv env, MapRuns runs) {
        this.env = env;
        this.runs = runs;
        this.counters = env.store().counters();
    }

    static RunCounters.Key chunk(String mapRunArn, int attempt, int chunk) {
        return new RunCounters.Key(TableLayout.runChunk(mapRunArn, chunk), TableLayout.RUN_CHUNK + attempt);
    }

    static RunCounters.Key group(String mapRunArn, int attempt, int group) {
        return new RunCounters.Key(TableLayout.runGroup(mapRunArn, group), TableLayout.RUN_GROUP + attempt);
    }

    static RunCounters.Key root(String mapRunArn, int attempt) {
        return new RunCounters.Key(mapRunArn, TableLayout.RUN_ROOT + attempt);
    }

    /** Whether the child's end was counted, or need not be (an attempt a redrive replaced). */
    boolean counted(ParentLink.RunChild child) {
        RunRecord record = runs.record(child.mapRunArn());
        if (record == null || record.attempt() > child.attempt()) {
            return true;
        }
        return counters.read(chunk(child.mapRunArn(), child.attempt(), child.chunk()))
                .map(state -> state.counted().contains((long) child.slot())).orElse(false);
    }

    /** A child of the run ended: count it, start what its end allows, and close the run when it is due. */
    void childEnded(ParentLink.RunChild child, ExecutionStatus status) {
        String arn = child.mapRunArn();
        RunRecord record = runs.record(arn);
        if (record != null && record.attempt() < child.attempt()) {
            record = runs.fresh(arn);
        }
        if (record == null || record.attempt() != child.attempt()) {
            return; // an end of an attempt the parent's redrive replaced: the redrive counted it already
        }
        boolean failed = status != ExecutionStatus.SUCCEEDED;
        CounterState counted = counters.count(chunk(arn, record.attempt(), child.chunk()), child.slot(),
                Tally.of(status.name(), child.items()), failed);
        FanIn.RunJoin rules = runs.rules(arn, record);
        sendStarts(record, rules.afterEnd(child.chunk(), new FanIn.ChunkCount(counted.counted().size(), counted.complete(),
                counted.fresh())));
        if (failed) {
            CounterState root = counters.reportFailures(root(arn, record.attempt()), child.chunk(), counted.failed().size());
            decide(record, rules.closing(root.failures(), root.expected() != null ? root.readChildren() : -1, false), counted.fresh());
        }
        if (counted.complete()) {
            chunkEnded(arn, record, rules, child.chunk(), counted);
        }
    }

    /**
     * The reader wrote page {@code page}: its chunk's size, its group's and the root's once the
     * page is the last of them, what was read so far, and the page's first children.
     */
    void pageWritten(String arn, RunRecord record, int page, RunPage written) {
        FanIn.RunJoin rules = runs.rules(arn, record);
        long items = written.itemCounts().stream().mapToLong(Integer::longValue).sum();
        CounterState chunk = counters.expect(chunk(arn, record.attempt(), page), written.size(), items);
        if (chunk.complete()) {
            chunkEnded(arn, record, rules, page, chunk);
        }
        if (written.last() || page % FanIn.RunJoin.GROUP == FanIn.RunJoin.GROUP - 1) {
            int group = FanIn.RunJoin.groupOf(page);
            CounterState counted = counters.expect(group(arn, record.attempt(), group), page % FanIn.RunJoin.GROUP + 1, 0);
            if (counted.complete()) {
                groupEnded(arn, record, rules, group, counted);
            }
        }
        RunCounters.Key root = root(arn, record.attempt());
        counters.reportRead(root, page + 1L, written.childrenRead(), written.itemsRead());
        if (written.last()) {
            CounterState counted = counters.expect(root, FanIn.RunJoin.groupOf(page) + 1L, written.itemsRead());
            if (counted.complete()) {
                rootEnded(record, rules, counted);
            }
        }
        sendStarts(record, new FanIn.Starts(page, 0, started(arn, record, rules, page, written.size())));
    }

    /** How many children of chunk {@code chunk} (of {@code size}) the rules have started by now. */
    private int started(String arn, RunRecord record, FanIn.RunJoin rules, int chunk, int size) {
        if (chunk < rules.window()) {
            return size;
        }
        CounterState predecessor = counters.read(chunk(arn, record.attempt(), chunk - rules.window())).orElse(null);
        return predecessor == null ? 0 : rules.started(chunk, size, predecessor.counted().size(), predecessor.complete());
    }

    private void chunkEnded(String arn, RunRecord record, FanIn.RunJoin rules, int chunk, CounterState state) {
        int group = FanIn.RunJoin.groupOf(chunk);
        CounterState counted = counters.count(group(arn, record.attempt(), group), chunk % FanIn.RunJoin.GROUP, state.tally(),
                !state.failed().isEmpty());
        if (counted.complete()) {
            groupEnded(arn, record, rules, group, counted);
        }
    }

    private void groupEnded(String arn, RunRecord record, FanIn.RunJoin rules, int group, CounterState state) {
        CounterState root = counters.count(root(arn, record.attempt()), group, state.tally(), !state.failed().isEmpty());
        if (root.complete()) {
            rootEnded(record, rules, root);
        }
    }

    private void rootEnded(RunRecord record, FanIn.RunJoin rules, CounterState root) {
        long failures = Math.max(root.failures(), root.tally().childrenUnsuccessful());
        decide(record, rules.closing(failures, root.readChildren(), true), root.fresh());
    }

    /** Applies a closing decision: the join closes once, and is sent (again, when this was a replay). */
    private void decide(RunRecord record, FanIn.Decision decision, boolean fresh) {
        String state = decision instanceof FanIn.Decision.Succeed ? "succeeded" : decision instanceof FanIn.Decision.Fail ? "failed" : null;
        if (state == null) {
            return;
        }
        FanIn.Decision.Fail fail = decision instanceof FanIn.Decision.Fail f ? f : null;
        boolean closed = env.store().joins().closeJoin(record.parentArn(), record.joinKey(), state,
                fail == null ? null : fail.error(), fail == null ? null : fail.cause());
        if (closed || !fresh) {
            env.send(record.parentArn(), record.joinKey());
        }
    }

    /** Sends the message that starts children {@code from..to} of a chunk (its handler slices and clamps the range). */
    void sendStarts(RunRecord record, FanIn.Starts starts) {
        if (starts.from() < starts.to()) {
            env.send(record.parentArn(), StepKeys.runStarts(record.joinKey(), starts.chunk(), starts.from(), starts.to()));
        }
    }

    /**
     * UpdateMapRun changed MaxConcurrency: every child the new window allows that may not have
     * started, starts (a started child starts only once). Reads every chunk counter written so far.
     */
    void catchUp(String arn, RunRecord record, FanIn.RunJoin rules) {
        CounterState root = counters.read(root(arn, record.attempt())).orElse(null);
        int pages = root == null ? 0 : (int) root.readPages();
        Map<Integer, CounterState> chunks = chunks(arn, record, 0, pages);
        for (int d = 0; d < pages; d++) {
            CounterState chunk = chunks.get(d);
            if (chunk == null || chunk.expected() == null || chunk.complete()) {
                continue;
            }
            int size = chunk.expected().intValue();
            CounterState predecessor = d < rules.window() ? null : chunks.get(d - rules.window());
            int allowed = d < rules.window() ? size : predecessor == null ? 0
                    : rules.started(d, size, predecessor.counted().size(), predecessor.complete());
            sendStarts(record, new FanIn.Starts(d, chunk.counted().size(), allowed));
        }
    }

    private Map<Integer, CounterState> chunks(String arn, RunRecord record, int from, int to) {
        return chunks(arn, record.attempt(), from, to);
    }

    private Map<Integer, CounterState> chunks(String arn, int attempt, int from, int to) {
        List<Integer> which = new ArrayList<>(Math.max(0, to - from));
        for (int d = from; d < to; d++) {
            which.add(d);
        }
        return chunks(arn, attempt, which);
    }

    /**
     * The parent's redrive goes on with the run as {@code record}'s attempt: its counters start
     * from what the last attempt counted — the children that succeeded stay counted (and whole
     * chunks of them ended), every other child of the pages read restarts as the rules allow (a
     * failed child is redriven, one never started starts). Returns the page its reader goes on
     * at, or -1 when it had read them all.
     */
    int redrive(String arn, int lastAttempt, RunRecord record) {
        CounterState lastRoot = counters.read(root(arn, lastAttempt)).orElse(null);
        int pages = lastRoot == null ? 0 : (int) lastRoot.readPages();
        counters.put(root(arn, record.attempt()), new CounterState(Set.of(), Set.of(), lastRoot == null ? null : lastRoot.expected(),
                lastRoot == null ? 0 : lastRoot.expectedItems(), Tally.NONE, false, 0, pages,
                lastRoot == null ? 0 : lastRoot.readChildren(), lastRoot == null ? 0 : lastRoot.readItems()));
        int groups = (pages + FanIn.RunJoin.GROUP - 1) / FanIn.RunJoin.GROUP;
        for (int g = 0; g < groups; g++) {
            Long expected = counters.read(group(arn, lastAttempt, g)).map(CounterState::expected).orElse(null);
            counters.put(group(arn, record.attempt(), g), new CounterState(Set.of(), Set.of(), expected, 0, Tally.NONE, false, 0, 0, 0, 0));
        }
        Map<Integer, CounterState> last = chunks(arn, lastAttempt, 0, pages);
        Map<Integer, CounterState> kept = new HashMap<>();
        for (int d = 0; d < pages; d++) {
            CounterState before = last.get(d);
            Long expected = before == null ? null : before.expected();
            long expectedItems = before == null ? 0 : before.expectedItems();
            if (expected == null) {
                RunPage page = env.steps().item(TableLayout.runChunk(arn, d), TableLayout.RUN_PAGE)
                        .map(item -> dev.stepwise.store.ItemBodies.runPage(item.body())).orElse(null);
                expected = page == null ? 0L : page.size();
                expectedItems = page == null ? 0 : page.itemCounts().stream().mapToLong(Integer::longValue).sum();
            }
            Set<Long> succeeded = new HashSet<>(before == null ? Set.of() : before.counted());
            if (before != null) {
                succeeded.removeAll(before.failed());
            }
            Tally tally = new Tally(succeeded.size(), 0, 0, 0, before == null ? 0 : before.tally().itemsSucceeded(), 0, 0, 0);
            CounterState state = new CounterState(succeeded, Set.of(), expected, expectedItems, tally, false, 0, 0, 0, 0);
            counters.put(chunk(arn, record.attempt(), d), state);
            kept.put(d, state);
        }
        FanIn.RunJoin rules = runs.rules(arn, record);
        for (int d = 0; d < pages; d++) {
            CounterState state = kept.get(d);
            if (state.complete()) {
                chunkEnded(arn, record, rules, d, state);
                continue;
            }
            int size = state.expected().intValue();
            CounterState predecessor = d < rules.window() ? null : kept.get(d - rules.window());
            int allowed = predecessor == null ? size : rules.started(d, size, predecessor.counted().size(), predecessor.complete());
            sendStarts(record, new FanIn.Starts(d, 0, allowed));
        }
        return lastRoot == null || lastRoot.expected() == null ? pages : -1;
    }

    /**
     * DescribeMapRun's counts: the root's (groups that ended), the groups still running (their
     * chunks that ended), and the chunks still running; a number of items independent of the
     * run's size while its children end roughly in order.
     */
    Snapshot snapshot(String arn, RunRecord record, FanIn.RunJoin rules, long resultsWritten) {
        CounterState root = counters.read(root(arn, record.attempt())).orElse(null);
        if (root == null) {
            MapRuns.Counts none = new MapRuns.Counts(0, 0, 0, 0, 0, 0, 0, 0);
            return new Snapshot(none, none);
        }
        int pages = (int) root.readPages();
        Tally ended = root.tally();
        List<Integer> openChunks = new ArrayList<>();
        Set<Integer> endedChunks = new HashSet<>();
        int groups = (pages + FanIn.RunJoin.GROUP - 1) / FanIn.RunJoin.GROUP;
        for (int g = 0; g < groups; g++) {
            if (root.counted().contains((long) g)) {
                continue;
            }
            CounterState group = counters.read(group(arn, record.attempt(), g)).orElse(null);
            if (group != null) {
                ended = ended.plus(group.tally());
            }
            for (int d = g * FanIn.RunJoin.GROUP; d < Math.min(pages, (g + 1) * FanIn.RunJoin.GROUP); d++) {
                if (group != null && group.counted().contains((long) (d % FanIn.RunJoin.GROUP))) {
                    endedChunks.add(d);
                } else {
                    openChunks.add(d);
                }
            }
        }
        Map<Integer, CounterState> open = chunks(arn, record, openChunks);
        long runningChildren = 0;
        long runningItems = 0;
        for (int d : openChunks) {
            CounterState chunk = open.get(d);
            if (chunk == null || chunk.expected() == null) {
                continue;
            }
            ended = ended.plus(chunk.tally());
            int size = chunk.expected().intValue();
            int started;
            if (d < rules.window()) {
                started = size;
            } else {
                int p = d - rules.window();
                CounterState predecessor = open.get(p);
                boolean predecessorEnded = p < 0 || endedChunks.contains(p) || root.counted().contains((long) FanIn.RunJoin.groupOf(p));
                started = predecessorEnded ? size : predecessor == null ? 0
                        : rules.started(d, size, predecessor.counted().size(), predecessor.complete());
            }
            runningChildren += Math.max(0, started - chunk.counted().size());
            // An ItemBatcher's children hold items unevenly: a chunk started in part counts its items pro rata.
            long startedItems = size == 0 ? 0 : chunk.expectedItems() * started / size;
            runningItems += Math.max(0, startedItems - chunk.tally().items());
        }
        long children = root.readChildren();
        long items = root.readItems();
        MapRuns.Counts executions = new MapRuns.Counts(Math.max(0, children - ended.children() - runningChildren), runningChildren,
                ended.childrenSucceeded(), ended.childrenFailed(), ended.childrenTimedOut(), ended.childrenAborted(), children,
                resultsWritten);
        MapRuns.Counts itemCounts = new MapRuns.Counts(Math.max(0, items - ended.items() - runningItems), runningItems,
                ended.itemsSucceeded(), ended.itemsFailed(), ended.itemsTimedOut(), ended.itemsAborted(), items,
                children == 0 ? 0 : resultsWritten * items / children);
        return new Snapshot(executions, itemCounts);
    }

    private Map<Integer, CounterState> chunks(String arn, RunRecord record, List<Integer> which) {
        return chunks(arn, record.attempt(), which);
    }

    private Map<Integer, CounterState> chunks(String arn, int attempt, List<Integer> which) {
        Map<RunCounters.Key, Integer> keys = new HashMap<>();
        for (int d : which) {
            keys.put(chunk(arn, attempt, d), d);
        }
        Map<Integer, CounterState> found = new HashMap<>();
        counters.readAll(new ArrayList<>(keys.keySet())).forEach((key, state) -> found.put(keys.get(key), state));
        return found;
    }
}
