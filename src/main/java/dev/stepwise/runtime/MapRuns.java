package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FailureTolerance;
import dev.stepwise.engine.MapRun;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ExecutionStore;
import dev.stepwise.store.StateMachineRecord;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import java.time.Clock;
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
 * <pre>
 * pk                 sk            item
 * mapRunArn          "SM"          the item processor as the definition the children run
 * mapRunArn          "MAPRUN"      the run: parent execution, its join key, start date
 * mapRunArn          "MAPRUN#SET"  UpdateMapRun's MaxConcurrency and tolerated failures
 * mapRunArn          "MAPRUN#END"  the run's stop date (the first writer wins)
 * parentArn          "M#" joinKey  ListMapRuns: the parent's runs, in the order they started
 * </pre>
 * Children are headers like any execution's, of "state machine" {@code mapRunArn}: the store's
 * listing indexes find them by the run (ListExecutions' mapRunArn) and not with the parent's.
 */
public final class MapRuns {
    static final String RUN = "MAPRUN";
    static final String SETTINGS = "MAPRUN#SET";
    static final String END = "MAPRUN#END";
    static final String LISTED = "M#";
    private static final String KIND = "maprun";
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

    private final ExecutionStore store;
    private final StepQueue queue;
    private final Clock clock;
    private final BiConsumer<String, String> stop;

    /** {@code stop}: stops a child execution (ARN, cause) as StopExecution does. */
    MapRuns(ExecutionStore store, StepQueue queue, Clock clock, BiConsumer<String, String> stop) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.stop = stop;
    }

    /** Before the fan-out commits: the run's definition and records. Rewriting them on a replay changes nothing. */
    void begin(String executionArn, String joinKey, MapRun run, String roleArn, Instant now) {
        store.putStateMachine(new StateMachineRecord(run.arn(), run.stateMachineName(), Json.write(run.definition()),
                run.executionType(), roleArn, now));
        ObjectNode body = Json.object().put("exec", executionArn).put("join", joinKey)
                .put("sm", run.stateMachineArn()).put("start", now.toEpochMilli());
        store.putIfAbsent(run.arn(), StoredItem.of(RUN, KIND, body));
        store.putIfAbsent(executionArn, StoredItem.of(LISTED + joinKey, KIND, Json.object().put("arn", run.arn())));
    }

    /** The parent was redriven: the run goes on with the new join, and has not stopped. */
    static void redriven(ExecutionStore store, String mapRunArn, String joinKey) {
        store.item(mapRunArn, RUN).ifPresent(run -> {
            store.putAll(mapRunArn, List.of(StoredItem.of(RUN, KIND, ((ObjectNode) run.body().deepCopy()).put("join", joinKey))));
            store.delete(mapRunArn, END);
        });
    }

    /** The tolerance and MaxConcurrency a run's join counts with: the state's, unless UpdateMapRun changed them. */
    record Settings(int maxConcurrency, FailureTolerance tolerance) {
    }

    Settings settings(JsonNode join) {
        Integer count = join.has("tolc") ? join.get("tolc").asInt() : null;
        Double percentage = join.has("tolp") ? join.get("tolp").asDouble() : null;
        int maxc = join.get("maxc").asInt();
        if (join.has("mapRun")) {
            JsonNode set = store.item(join.get("mapRun").asText(), SETTINGS).map(StoredItem::body).orElse(null);
            if (set != null) {
                maxc = set.has("maxc") ? set.get("maxc").asInt() : maxc;
                count = set.has("tolc") ? Integer.valueOf(set.get("tolc").asInt()) : count;
                percentage = set.has("tolp") ? Double.valueOf(set.get("tolp").asDouble()) : percentage;
            }
        }
        return new Settings(maxc, new FailureTolerance(count, percentage));
    }

    /** The run's join closed: its stop date; a failed run stops the children still running (AWS aborts them). */
    void ended(String mapRunArn, boolean failed) {
        store.putIfAbsent(mapRunArn, StoredItem.of(END, KIND, Json.object().put("stop", clock.millis())
                .put("status", failed ? "FAILED" : "SUCCEEDED")));
        if (failed) {
            stopChildren(mapRunArn);
        }
    }

    /** The parent ended (stopped, timed out): its runs that are still running stop with it. */
    void parentEnded(String executionArn) {
        for (StoredItem listed : store.items(executionArn, LISTED)) {
            String mapRunArn = listed.body().get("arn").asText();
            if (store.item(mapRunArn, END).isEmpty()) {
                store.putIfAbsent(mapRunArn, StoredItem.of(END, KIND, Json.object().put("stop", clock.millis())
                        .put("status", "ABORTED")));
                stopChildren(mapRunArn);
            }
        }
    }

    private void stopChildren(String mapRunArn) {
        for (ExecutionHeader child : store.executions(mapRunArn, ExecutionStatus.RUNNING, STOP_BATCH)) {
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
            describe(listed.body().get("arn").asText()).ifPresent(views::add);
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
            set.put("maxc", maxConcurrency);
        }
        if (toleratedFailureCount != null) {
            set.put("tolc", toleratedFailureCount);
        }
        if (toleratedFailurePercentage != null) {
            set.put("tolp", toleratedFailurePercentage);
        }
        store.putAll(mapRunArn, List.of(StoredItem.of(SETTINGS, KIND, set)));
        String parentArn = run.body().get("exec").asText();
        String joinKey = run.body().get("join").asText();
        StoredItem join = store.item(parentArn, joinKey).orElse(null);
        if (maxConcurrency != null && join != null && join.state() == null) {
            // Starting a child twice starts it once: the start step only sends the existing child's first step again.
            int total = join.body().get("total").asInt();
            int allowed = maxConcurrency == 0 ? total : (int) Math.min(total, (long) maxConcurrency + join.done());
            String stateName = join.body().get("state").asText();
            List<StepMessage> starts = new ArrayList<>();
            for (int i = 0; i < allowed; i++) {
                String child = StepKeys.child(StepKeys.frameKey(joinKey), stateName, StepKeys.seq(joinKey), i);
                starts.add(new StepMessage(parentArn, StepKeys.step(child, 0)));
            }
            queue.sendAll(starts);
        }
        return describe(mapRunArn);
    }

    private View view(String mapRunArn, JsonNode run) {
        String parentArn = run.get("exec").asText();
        StoredItem join = store.item(parentArn, run.get("join").asText()).orElse(null);
        Instant start = Instant.ofEpochMilli(run.get("start").asLong());
        JsonNode end = store.item(mapRunArn, END).map(StoredItem::body).orElse(null);
        Instant stop = end == null ? null : Instant.ofEpochMilli(end.get("stop").asLong());
        if (join == null) {
            // The run's records are written just before its fan-out commits: a run whose fan-out never committed.
            return new View(mapRunArn, parentArn, run.get("sm").asText(), "RUNNING", start, null, 0, 0, 0,
                    new Counts(0, 0, 0, 0, 0, 0, 0, 0));
        }
        Settings settings = settings(join.body());
        int total = join.body().get("total").asInt();
        // Each child's end, as its branch's end in the parent, says how it ended.
        Map<String, Integer> ended = new HashMap<>();
        for (StoredItem branchEnd : store.items(parentArn, StepKeys.branchEnds(join.key(), join.body().get("state").asText()))) {
            ended.merge(branchEnd.body().path("status").asText("SUCCEEDED"), 1, Integer::sum);
        }
        int done = ended.values().stream().mapToInt(Integer::intValue).sum();
        int started = settings.maxConcurrency() == 0 ? total : (int) Math.min(total, (long) settings.maxConcurrency() + done);
        started = Math.max(started, done);
        String status = end == null ? "RUNNING" : end.path("status").asText("RUNNING");
        int succeeded = ended.getOrDefault("SUCCEEDED", 0);
        Counts counts = new Counts(total - started, started - done, succeeded, ended.getOrDefault("FAILED", 0),
                ended.getOrDefault("TIMED_OUT", 0), ended.getOrDefault("ABORTED", 0), total, succeeded);
        FailureTolerance tolerance = settings.tolerance();
        return new View(mapRunArn, parentArn, run.get("sm").asText(), status, start, stop, settings.maxConcurrency(),
                tolerance.percentage() == null ? 0 : tolerance.percentage(),
                tolerance.count() == null ? 0 : tolerance.count(), counts);
    }
}
