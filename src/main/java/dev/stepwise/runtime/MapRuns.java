package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FailureTolerance;
import dev.stepwise.engine.FanIn;
import dev.stepwise.engine.MapRun;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.Revision;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import dev.stepwise.store.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Distributed Map runs on the durable runtime. A Map Run is the parent's fan-out (its join item
 * counts the items, as for an inline Map) whose branches are child executions: each branch's
 * start step starts child {@link MapRun#childName} of the run instead of running the processor
 * in the parent, and the child's end writes the branch's end back into the parent.
 *
 * Its items ({@link TableLayout}): under the run's ARN, the item processor as the definition the
 * children run (a revision), the run ({@code MAPRUN}: parent execution, join key, start date),
 * UpdateMapRun's settings ({@code MAPRUN#SET}) and the run's end ({@code MAPRUN#END}, first
 * writer wins); in the parent, {@code "M#" + joinKey} for ListMapRuns. Children are headers like
 * any execution's, of "state machine" {@code mapRunArn}: the store's listing indexes find them by
 * the run (ListExecutions' mapRunArn) and not with the parent's.
 */
public final class MapRuns {
    private static final String RUN = TableLayout.MAP_RUN;
    private static final String SETTINGS = TableLayout.MAP_RUN_SETTINGS;
    private static final String END = TableLayout.MAP_RUN_END;
    private static final String LISTED = TableLayout.MAP_RUN_LISTED;
    private static final ItemKind KIND = ItemKind.MAP_RUN;
    // fields of the run's items
    private static final String PARENT = "exec";
    private static final String JOIN = "join";
    private static final String MACHINE = "sm";
    private static final String START = "start";
    private static final String STOP = "stop";
    private static final String STATUS = "status";
    private static final String ARN = "arn";
    private static final String MAX_CONCURRENCY = "maxc";
    private static final String TOLERATED_COUNT = "tolc";
    private static final String TOLERATED_PERCENTAGE = "tolp";
    /** At most this many children are stopped by one pass; a stopped run's later children see the parent's end. */
    private static final int STOP_BATCH = 1000;

    /** Counts of a run's child executions (itemCounts equal them: a batch of items is one child). */
    public record Counts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
                         long total, long resultsWritten) {
    }

    /** A Map Run as DescribeMapRun and ListMapRuns show it. */
    public record View(String mapRunArn, String executionArn, String stateMachineArn, String status, Instant startDate,
                       Instant stopDate, int maxConcurrency, double toleratedFailurePercentage, int toleratedFailureCount,
                       Counts counts) {
    }

    private final RuntimeEnv env;
    private final StepItems store;
    private final Machines machines;
    private final BiConsumer<String, String> stop;

    /** {@code stop}: stops a child execution (ARN, cause) as StopExecution does. */
    MapRuns(RuntimeEnv env, Machines machines, BiConsumer<String, String> stop) {
        this.env = env;
        this.store = env.steps();
        this.machines = machines;
        this.stop = stop;
    }

    /**
     * Before the fan-out commits: the run's definition (the revision its children start with) and
     * records. Writing them again on a replay changes nothing.
     */
    void begin(String executionArn, String joinKey, MapRun run, String roleArn, Instant now) {
        machines.register(run.arn(), new Revision(run.stateMachineName(), Json.write(run.definition()), run.executionType(),
                roleArn, now, null));
        ObjectNode body = Json.object().put(PARENT, executionArn).put(JOIN, joinKey)
                .put(MACHINE, run.stateMachineArn()).put(START, now.toEpochMilli());
        store.putIfAbsent(run.arn(), StoredItem.of(RUN, KIND, body));
        store.putIfAbsent(executionArn, StoredItem.of(LISTED + joinKey, KIND, Json.object().put(ARN, run.arn())));
    }

    /** The parent was redriven: the run goes on with the new join, and has not stopped. */
    static void redriven(StepItems store, String mapRunArn, String joinKey) {
        store.item(mapRunArn, RUN).ifPresent(run -> {
            store.putAll(mapRunArn, List.of(StoredItem.of(RUN, KIND, ((ObjectNode) run.body().deepCopy()).put(JOIN, joinKey))));
            store.delete(mapRunArn, END);
        });
    }

    /** The tolerance and MaxConcurrency a run's join counts with: the state's, unless UpdateMapRun changed them. */
    record Settings(int maxConcurrency, FailureTolerance tolerance) {
    }

    Settings settings(StepBody.JoinSettings join) {
        Integer count = join.toleratedCount();
        Double percentage = join.toleratedPercentage();
        int maxc = join.maxConcurrency();
        if (join.mapRun() != null) {
            JsonNode set = store.item(join.mapRun(), SETTINGS).map(StoredItem::body).orElse(null);
            if (set != null) {
                maxc = set.has(MAX_CONCURRENCY) ? set.get(MAX_CONCURRENCY).asInt() : maxc;
                count = set.has(TOLERATED_COUNT) ? Integer.valueOf(set.get(TOLERATED_COUNT).asInt()) : count;
                percentage = set.has(TOLERATED_PERCENTAGE) ? Double.valueOf(set.get(TOLERATED_PERCENTAGE).asDouble()) : percentage;
            }
        }
        return new Settings(maxc, new FailureTolerance(count, percentage));
    }

    /** The fan-in rules of a run's join, with UpdateMapRun's settings. */
    FanIn.Join rules(StepBody.JoinSettings join) {
        Settings settings = settings(join);
        return new FanIn.Join(join.total(), settings.maxConcurrency(), settings.tolerance(), join.mapRun() != null);
    }

    /** The run's join closed: its stop date; a failed run stops the children still running (AWS aborts them). */
    void ended(String mapRunArn, boolean failed) {
        store.putIfAbsent(mapRunArn, StoredItem.of(END, KIND, Json.object().put(STOP, env.clock().millis())
                .put(STATUS, failed ? "FAILED" : "SUCCEEDED")));
        if (failed) {
            stopChildren(mapRunArn);
        }
    }

    /** The parent ended (stopped, timed out): its runs that are still running stop with it. */
    void parentEnded(String executionArn) {
        for (StoredItem listed : store.items(executionArn, LISTED)) {
            String mapRunArn = listed.body().get(ARN).asText();
            if (store.item(mapRunArn, END).isEmpty()) {
                store.putIfAbsent(mapRunArn, StoredItem.of(END, KIND, Json.object().put(STOP, env.clock().millis())
                        .put(STATUS, "ABORTED")));
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
        return store.item(mapRunArn, RUN).map(run -> view(mapRunArn, run.body()));
    }

    /** The runs an execution started, oldest first; empty when it started none. */
    public List<View> list(String executionArn) {
        List<View> views = new ArrayList<>();
        for (StoredItem listed : store.items(executionArn, LISTED)) {
            describe(listed.body().get(ARN).asText()).ifPresent(views::add);
        }
        return views;
    }

    /**
     * UpdateMapRun: new settings for the rest of the run (null leaves one as it is). A higher
     * MaxConcurrency starts the children it now allows at once. Empty when there is no such run.
     */
    public Optional<View> update(String mapRunArn, Integer maxConcurrency, Integer toleratedFailureCount,
                                 Double toleratedFailurePercentage) {
        StoredItem run = store.item(mapRunArn, RUN).orElse(null);
        if (run == null) {
            return Optional.empty();
        }
        ObjectNode set = store.item(mapRunArn, SETTINGS).map(item -> (ObjectNode) item.body().deepCopy()).orElse(Json.object());
        if (maxConcurrency != null) {
            set.put(MAX_CONCURRENCY, maxConcurrency);
        }
        if (toleratedFailureCount != null) {
            set.put(TOLERATED_COUNT, toleratedFailureCount);
        }
        if (toleratedFailurePercentage != null) {
            set.put(TOLERATED_PERCENTAGE, toleratedFailurePercentage);
        }
        store.putAll(mapRunArn, List.of(StoredItem.of(SETTINGS, KIND, set)));
        String parentArn = run.body().get(PARENT).asText();
        String joinKey = run.body().get(JOIN).asText();
        StoredItem join = store.item(parentArn, joinKey).orElse(null);
        if (maxConcurrency != null && join != null && join.state() == null) {
            // Starting a child twice starts it once: the start step only sends the existing child's first step again.
            StepBody.JoinSettings settings = ItemBodies.step(join.body()).join();
            List<StepMessage> starts = new ArrayList<>();
            for (int i : rules(settings).allowedBy(maxConcurrency, join.done())) {
                String child = StepKeys.child(StepKeys.frameKey(joinKey), settings.stateName(), StepKeys.seq(joinKey), i);
                starts.add(new StepMessage(parentArn, StepKeys.step(child, 0)));
            }
            env.queue().sendAll(starts);
        }
        return describe(mapRunArn);
    }

    private View view(String mapRunArn, JsonNode run) {
        String parentArn = run.get(PARENT).asText();
        StoredItem join = store.item(parentArn, run.get(JOIN).asText()).orElse(null);
        Instant start = Instant.ofEpochMilli(run.get(START).asLong());
        JsonNode end = store.item(mapRunArn, END).map(StoredItem::body).orElse(null);
        Instant stop = end == null ? null : Instant.ofEpochMilli(end.get(STOP).asLong());
        if (join == null) {
            // The run's records are written just before its fan-out commits: a run whose fan-out never committed.
            return new View(mapRunArn, parentArn, run.get(MACHINE).asText(), "RUNNING", start, null, 0, 0, 0,
                    new Counts(0, 0, 0, 0, 0, 0, 0, 0));
        }
        StepBody.JoinSettings joinSettings = ItemBodies.step(join.body()).join();
        Settings settings = settings(joinSettings);
        int total = joinSettings.total();
        // Each child's end, as its branch's end in the parent, says how it ended.
        Map<String, Integer> ended = new HashMap<>();
        for (StoredItem branchEnd : store.items(parentArn, StepKeys.branchEnds(join.key(), joinSettings.stateName()))) {
            String status = ItemBodies.branchEnd(branchEnd.body()).status();
            ended.merge(status == null ? "SUCCEEDED" : status, 1, Integer::sum);
        }
        int done = ended.values().stream().mapToInt(Integer::intValue).sum();
        int started = Math.max(rules(joinSettings).started(done), done);
        String status = end == null ? "RUNNING" : end.path(STATUS).asText("RUNNING");
        int succeeded = ended.getOrDefault("SUCCEEDED", 0);
        Counts counts = new Counts(total - started, started - done, succeeded, ended.getOrDefault("FAILED", 0),
                ended.getOrDefault("TIMED_OUT", 0), ended.getOrDefault("ABORTED", 0), total, succeeded);
        FailureTolerance tolerance = settings.tolerance();
        return new View(mapRunArn, parentArn, run.get(MACHINE).asText(), status, start, stop, settings.maxConcurrency(),
                tolerance.percentage() == null ? 0 : tolerance.percentage(),
                tolerance.count() == null ? 0 : tolerance.count(), counts);
    }
}
