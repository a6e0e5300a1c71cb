package dev.stepwise.runtime;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FailureTolerance;
import dev.stepwise.engine.FanIn;
import dev.stepwise.engine.MapRun;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.Revision;
import dev.stepwise.store.RunEnd;
import dev.stepwise.store.RunRecord;
import dev.stepwise.store.RunSettings;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.StoredItem;
import dev.stepwise.store.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Distributed Map runs on the durable runtime. A Map Run is the parent's fan-out whose branches
 * are child executions of {@link MapRun#childName}: its items are read page by page
 * ({@link MapRunFeed}), its children's ends are counted in chunks ({@link MapRunCounts}), and its
 * join's result is assembled or exported ({@link MapRunResults}).
 *
 * <p>Its records ({@link TableLayout}): under the run's ARN the item processor as the definition
 * the children run (a revision), the run ({@link RunRecord}), UpdateMapRun's settings
 * ({@link RunSettings}) and its end ({@link RunEnd}, first writer wins); in the parent, a listing
 * item for ListMapRuns. Children are headers like any execution's, of "state machine"
 * {@code mapRunArn}: the store's listing indexes find them by the run (ListExecutions' mapRunArn).
 */
public final class MapRuns {
    /** At most this many children are stopped by one pass; a stopped run's later children see the parent's end. */
    private static final int STOP_BATCH = 1000;
    private static final int CACHE = 256;

    /** Children, or items, of a run by state. */
    public record Counts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
                         long total, long resultsWritten) {
    }

    /** A Map Run as DescribeMapRun and ListMapRuns show it. */
    public record View(String mapRunArn, String executionArn, String stateMachineArn, String status, Instant startDate,
                       Instant stopDate, int maxConcurrency, double toleratedFailurePercentage, int toleratedFailureCount,
                       Counts executions, Counts items, int redriveCount, Instant redriveDate) {
    }

    private final RuntimeEnv env;
    private final StepItems store;
    private final Machines machines;
    private final BiConsumer<String, String> stop;
    private MapRunCounts counts;
    private final Map<String, RunRecord> records = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunRecord> eldest) {
            return size() > CACHE;
        }
    });

    /** {@code stop}: stops a child execution (ARN, cause) as StopExecution does. */
    MapRuns(RuntimeEnv env, Machines machines, BiConsumer<String, String> stop) {
        this.env = env;
        this.store = env.steps();
        this.machines = machines;
        this.stop = stop;
    }

    void counts(MapRunCounts value) {
        this.counts = value;
    }

    /**
     * Before the fan-out commits: the run's definition (the revision its children start with) and
     * records. Writing them again on a replay changes nothing.
     */
    void begin(String executionArn, String joinKey, MapRun run, String roleArn, Instant now, int attempt, FanIn.RunJoin rules,
               int maxConcurrency) {
        machines.register(run.arn(), new Revision(run.stateMachineName(), Json.write(run.definition()), run.executionType(),
                roleArn, now, null));
        FailureTolerance tolerance = rules.tolerance();
        RunRecord record = new RunRecord(executionArn, joinKey, run.stateMachineArn(), now.toEpochMilli(), attempt, rules.chunkSize(),
                maxConcurrency, tolerance.count(), tolerance.percentage(), run.reader(), run.writer(), 0, null);
        store.putIfAbsent(run.arn(), StoredItem.of(TableLayout.MAP_RUN, ItemKind.MAP_RUN, ItemBodies.write(record)));
        store.putIfAbsent(executionArn, StoredItem.of(TableLayout.MAP_RUN_LISTED + joinKey, ItemKind.MAP_RUN,
                ItemBodies.listedRun(run.arn())));
    }

    /** The run's record (cached: it changes only when the parent's redrive gives it a new attempt), or null. */
    RunRecord record(String mapRunArn) {
        RunRecord cached = records.get(mapRunArn);
        return cached != null ? cached : fresh(mapRunArn);
    }

    /** The run's record as stored now (a message of a newer attempt than the cached record's reads it again). */
    RunRecord fresh(String mapRunArn) {
        RunRecord record = store.item(mapRunArn, TableLayout.MAP_RUN).map(item -> ItemBodies.runRecord(item.body())).orElse(null);
        if (record != null) {
            records.put(mapRunArn, record);
        }
        return record;
    }

    RunSettings settings(String mapRunArn) {
        return store.item(mapRunArn, TableLayout.MAP_RUN_SETTINGS).map(item -> ItemBodies.runSettings(item.body())).orElse(RunSettings.NONE);
    }

    /** The run's fan-in rules: the state's MaxConcurrency and tolerance, unless UpdateMapRun changed them. */
    FanIn.RunJoin rules(String mapRunArn, RunRecord record) {
        return rules(record, settings(mapRunArn));
    }

    static FanIn.RunJoin rules(RunRecord record, RunSettings settings) {
        int maxc = settings.maxConcurrency() != null ? settings.maxConcurrency() : record.maxConcurrency();
        Integer count = settings.toleratedFailureCount() != null ? settings.toleratedFailureCount() : record.toleratedFailureCount();
        Double percentage = settings.toleratedFailurePercentage() != null ? settings.toleratedFailurePercentage()
                : record.toleratedFailurePercentage();
        FailureTolerance tolerance = count == null && percentage == null ? FailureTolerance.NONE : new FailureTolerance(count, percentage);
        return new FanIn.RunJoin(record.chunkSize(), 1, tolerance).withMaxConcurrency(maxc);
    }

    /** The parent's redrive {@code attempt} goes on with the run under join {@code joinKey}: a new attempt that has not stopped. */
    RunRecord redriven(String mapRunArn, String joinKey, int attempt, Instant now) {
        RunRecord record = fresh(mapRunArn);
        if (record == null) {
            return null;
        }
        RunRecord next = record.redriven(joinKey, attempt, now.toEpochMilli());
        store.putAll(mapRunArn, List.of(StoredItem.of(TableLayout.MAP_RUN, ItemKind.MAP_RUN, ItemBodies.write(next))));
        store.delete(mapRunArn, TableLayout.MAP_RUN_END);
        records.put(mapRunArn, next);
        return next;
    }

    /**
     * The run's join closed: its stop date and the results its ResultWriter exported; a failed run
     * stops the children still running (AWS aborts them).
     */
    void ended(String mapRunArn, boolean failed, long resultsWritten) {
        store.putIfAbsent(mapRunArn, StoredItem.of(TableLayout.MAP_RUN_END, ItemKind.MAP_RUN,
                ItemBodies.write(new RunEnd(env.clock().millis(), failed ? "FAILED" : "SUCCEEDED", resultsWritten))));
        if (failed) {
            stopChildren(mapRunArn);
        }
    }

    /** The parent ended (stopped, timed out): its runs that are still running stop with it. */
    void parentEnded(String executionArn) {
        for (StoredItem listed : store.items(executionArn, TableLayout.MAP_RUN_LISTED)) {
            String mapRunArn = ItemBodies.listedRun(listed.body());
            if (store.item(mapRunArn, TableLayout.MAP_RUN_END).isEmpty()) {
                store.putIfAbsent(mapRunArn, StoredItem.of(TableLayout.MAP_RUN_END, ItemKind.MAP_RUN,
                        ItemBodies.write(new RunEnd(env.clock().millis(), "ABORTED", 0))));
                stopChildren(mapRunArn);
            }
        }
    }

    private void stopChildren(String mapRunArn) {
        for (ExecutionHeader child : env.store().headers().list(mapRunArn, ExecutionStatus.RUNNING, null, STOP_BATCH).headers()) {
            stop.accept(child.executionArn(), null);
        }
    }

    public Optional<View> describe(String mapRunArn) {
        RunRecord record = fresh(mapRunArn);
        return record == null ? Optional.empty() : Optional.of(view(mapRunArn, record));
    }

    /** The runs an execution started, oldest first; empty when it started none. */
    public List<View> list(String executionArn) {
        List<View> views = new ArrayList<>();
        for (StoredItem listed : store.items(executionArn, TableLayout.MAP_RUN_LISTED)) {
            describe(ItemBodies.listedRun(listed.body())).ifPresent(views::add);
        }
        return views;
    }

    /**
     * UpdateMapRun: new settings for the rest of the run (null leaves one as it is). A higher
     * MaxConcurrency starts the children it now allows at once. Empty when there is no such run.
     */
    public Optional<View> update(String mapRunArn, Integer maxConcurrency, Integer toleratedFailureCount,
                                 Double toleratedFailurePercentage) {
        RunRecord record = fresh(mapRunArn);
        if (record == null) {
            return Optional.empty();
        }
        RunSettings settings = settings(mapRunArn).updated(maxConcurrency, toleratedFailureCount, toleratedFailurePercentage);
        store.putAll(mapRunArn, List.of(StoredItem.of(TableLayout.MAP_RUN_SETTINGS, ItemKind.MAP_RUN, ItemBodies.write(settings))));
        StoredItem join = store.item(record.parentArn(), record.joinKey()).orElse(null);
        if (maxConcurrency != null && join != null && join.state() == null) {
            // Written first, read by every end after its count: an end either sees the new window or
            // is counted before this catch-up reads the counts (MapRunCounts#catchUp).
            counts.catchUp(mapRunArn, record, rules(record, settings));
        }
        return describe(mapRunArn);
    }

    private View view(String mapRunArn, RunRecord record) {
        RunSettings settings = settings(mapRunArn);
        FanIn.RunJoin rules = rules(record, settings);
        RunEnd end = store.item(mapRunArn, TableLayout.MAP_RUN_END).map(item -> ItemBodies.runEnd(item.body())).orElse(null);
        MapRunCounts.Snapshot snapshot = counts.snapshot(mapRunArn, record, rules, end == null ? 0 : end.resultsWritten());
        FailureTolerance tolerance = rules.tolerance();
        int maxc = settings.maxConcurrency() != null ? settings.maxConcurrency() : record.maxConcurrency();
        return new View(mapRunArn, record.parentArn(), record.stateMachineArn(), end == null ? "RUNNING" : end.status(),
                Instant.ofEpochMilli(record.startMillis()), end == null ? null : Instant.ofEpochMilli(end.stopMillis()), maxc,
                tolerance.percentage() == null ? 0 : tolerance.percentage(), tolerance.count() == null ? 0 : tolerance.count(),
                snapshot.executions(), snapshot.items(), record.redriveCount(),
                record.redriveMillis() == null ? null : Instant.ofEpochMilli(record.redriveMillis()));
    }
}
