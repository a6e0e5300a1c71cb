package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.Step;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.HistoryJson;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import dev.stepwise.store.RunRecord;
import dev.stepwise.store.TableLayout;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RedriveExecution on the durable runtime. AWS: "When you redrive an execution, it continues the
 * failed execution from the unsuccessful step and uses the same input. Step Functions preserves
 * the results and execution history of the successful steps, and doesn't rerun these steps";
 * "For workflows that include an Inline Map or Parallel state, RedriveExecution API action
 * reschedules and redrives only the iterations and branches that failed or aborted."
 *
 * <p>The steps of the ended run stay where they are (their events are the history). In each
 * frame, the unsuccessful state is entered again from the step that entered it (its original
 * input and variables), at the next free position of the frame; a fan-out whose join did not
 * succeed gets a new join whose branches are the old successful branch ends, copied, and the
 * unsuccessful branches restarted the same way, recursively.
 *
 * <p>The old run must never act again: every step that had not committed its successor gets an
 * inert successor ({@link ItemKind#REDRIVEN}), the execution's end item becomes inert too, and the
 * abort/timeout event item moves aside, so a late or recovered message of the old run finds its
 * step committed and does nothing. The header's conditional move back to RUNNING is the redrive's
 * commit: a concurrent redrive of the same execution loses it. A crash after that commit and
 * before the new steps are sent leaves the execution RUNNING without a step to run; StopExecution
 * followed by another RedriveExecution recovers it.
 */
public final class Redrive {
    /** AWS: "Your workflow execution has not exceeded the redrivable period of 14 days." */
    static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
    /** AWS: "The workflow execution has not exceeded the maximum open time of one year." */
    static final Duration MAX_OPEN_TIME = Duration.ofDays(365);

    private final RuntimeEnv env;
    private final StepItems store;
    private final MapRuns mapRuns;
    private final MapRunCounts mapRunCounts;
    private final MapRunFeed feed;

    Redrive(RuntimeEnv env, MapRuns mapRuns, MapRunCounts mapRunCounts, MapRunFeed feed) {
        this.env = env;
        this.store = env.steps();
        this.mapRuns = mapRuns;
        this.mapRunCounts = mapRunCounts;
        this.feed = feed;
    }

    /** What a redrive did: the execution's redrive date (of this call or, for a repeated clientToken, the earlier one). */
    public record Result(Instant redriveDate, int redriveCount) {
    }

    /** The execution cannot be redriven; the message says why, in AWS's redriveStatusReason words. */
    public static final class NotRedrivable extends RuntimeException {
        public NotRedrivable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Why the execution may not be redriven now, in the words of DescribeExecution's
     * redriveStatusReason, or null when it may be.
     */
    public static String notRedrivableReason(ExecutionStatus status, Instant startDate, Instant stopDate, Instant now) {
        if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
            return "Execution is " + status.name() + " and cannot be redriven";
        }
        if (startDate.plus(MAX_OPEN_TIME).isBefore(now)) {
            return "Execution has exceeded the max execution time.";
        }
        if (stopDate != null && stopDate.plus(REDRIVABLE_PERIOD).isBefore(now)) {
            return "Execution redrivable period exceeded.";
        }
        return null;
    }

    /** Redrives the execution, or throws {@link NotRedrivable}; empty when there is no such execution. */
    public java.util.Optional<Result> run(String executionArn, String clientToken) {
        ExecutionHeader header = env.store().headers().header(executionArn).orElse(null);
        if (header == null) {
            return java.util.Optional.empty();
        }
        if (clientToken != null && clientToken.equals(header.redriveToken()) && header.redriveDate() != null) {
            // "If you don't specify a client token, the Amazon Web Services SDK automatically generates a
            // client token and uses it for the request to ensure idempotency."
            return java.util.Optional.of(new Result(header.redriveDate(), header.redriveCount()));
        }
        Instant now = env.clock().instant();
        String reason = notRedrivableReason(header.status(), header.startDate(), header.stopDate(), now);
        ArrayNode history = store.history(executionArn);
        long lastEventId = history.isEmpty() ? 0 : history.get(history.size() - 1).get("id").asLong();
        if (reason == null && lastEventId >= env.options().historyLimit() - 1) {
            // "The execution event history count is less than 24,999 ... to accommodate the
            // ExecutionRedriven history event and at least one other history event."
            reason = "Execution history event limit exceeded.";
        }
        if (reason != null) {
            throw new NotRedrivable(reason);
        }
        Plan plan = new Plan(executionArn, store.items(executionArn, TableLayout.STEP), store.items(executionArn, TableLayout.BRANCH_END),
                header.redriveCount() + 1, now);
        if (!env.store().headers().redrive(executionArn, header.listedUnder(), header.status(), header.redriveCount(), now, clientToken)) {
            ExecutionHeader current = env.store().headers().header(executionArn).orElseThrow();
            if (clientToken != null && clientToken.equals(current.redriveToken()) && current.redriveDate() != null) {
                return java.util.Optional.of(new Result(current.redriveDate(), current.redriveCount()));
            }
            throw new NotRedrivable("Execution is " + current.status().name() + " and cannot be redriven");
        }
        int redriveCount = header.redriveCount() + 1;
        plan.retireOldRun(redriveCount);
        // Ids of a linear run were carried by its steps: make sure the counter is past all of them.
        long lastStored = store.lastEventId(executionArn);
        store.raiseEventCounter(executionArn, lastStored);
        long eventId = store.allocateEvents(executionArn, 1);
        ArrayNode chunk = Json.NODES.arrayNode();
        chunk.add(HistoryJson.write(Engine.redriven(redriveCount), eventId, lastStored, now));
        env.commit(executionArn, StoredItem.of(StepKeys.redrive(redriveCount), ItemKind.REDRIVEN, Json.object()).withEvents(eventId, chunk));
        List<StepMessage> messages = plan.restart("", plan.nextSeq(""), "", eventId);
        env.queue().sendAll(messages);
        if (header.timeoutSeconds() != null) {
            env.queue().send(new StepMessage(executionArn, StepMessage.CHECK), RuntimeEnv.delay(now, now.plusSeconds(header.timeoutSeconds())));
        }
        return java.util.Optional.of(new Result(now, redriveCount));
    }

    /** The ended run's items by frame, and how to restart its unsuccessful parts. */
    private final class Plan {
        final String executionArn;
        final Map<String, TreeMap<Long, StoredItem>> frames = new HashMap<>();
        final Map<String, StoredItem> ends = new HashMap<>();
        final List<StoredItem> branchEnds;
        final int redriveCount;
        final Instant now;

        Plan(String executionArn, List<StoredItem> steps, List<StoredItem> branchEnds, int redriveCount, Instant now) {
            this.executionArn = executionArn;
            this.branchEnds = branchEnds;
            this.redriveCount = redriveCount;
            this.now = now;
            for (StoredItem step : steps) {
                frames.computeIfAbsent(StepKeys.frameKey(step.key()), f -> new TreeMap<>()).put(StepKeys.seq(step.key()), step);
            }
            for (StoredItem end : branchEnds) {
                ends.put(end.key(), end);
            }
        }

        /**
         * Makes the old run inert: each step without a committed successor gets one, the root's
         * end item stops being an end, and the abort/timeout event item moves aside.
         */
        void retireOldRun(int redriveCount) {
            List<StoredItem> markers = new ArrayList<>();
            for (Map.Entry<String, TreeMap<Long, StoredItem>> frame : frames.entrySet()) {
                boolean root = StepKeys.isRoot(frame.getKey());
                boolean ended = !root && ends.containsKey(StepKeys.branchEnd(frame.getKey()));
                for (StoredItem item : frame.getValue().values()) {
                    // A task still waiting is runnable too: its token must not revive the old run.
                    if (item.kind().isRunnable() && !ended && !frame.getValue().containsKey(StepKeys.seq(item.key()) + 1)) {
                        markers.add(StoredItem.of(StepKeys.successor(item.key()), ItemKind.REDRIVEN, Json.object()));
                    }
                    if (root && item.kind() == ItemKind.END) {
                        // Keeps its events (the old run's ExecutionFailed) but is no end a recovery would finish again.
                        store.putAll(executionArn, List.of(new StoredItem(item.key(), ItemKind.REDRIVEN, item.body(),
                                item.firstEventId(), item.events(), 0, 0, null, null, null)));
                    }
                }
            }
            for (StoredItem marker : markers) {
                store.putIfAbsent(executionArn, marker);
                frames.get(StepKeys.frameKey(marker.key())).put(StepKeys.seq(marker.key()), marker);
            }
            store.item(executionArn, StepKeys.END).ifPresent(halt -> {
                store.putIfAbsent(executionArn, halt.withKey(StepKeys.endOfRun(redriveCount)).withKind(ItemKind.REDRIVEN));
                store.delete(executionArn, StepKeys.END);
            });
        }

        long nextSeq(String frameKey) {
            TreeMap<Long, StoredItem> items = frames.get(frameKey);
            return items == null || items.isEmpty() ? 0 : items.lastKey() + 1;
        }

        /**
         * Restarts the unsuccessful part of {@code oldFrame} at position {@code seq} of
         * {@code newFrame}; returns the messages that start it.
         */
        List<StepMessage> restart(String oldFrame, long seq, String newFrame, long previousEventId) {
            TreeMap<Long, StoredItem> items = frames.getOrDefault(oldFrame, new TreeMap<>());
            StoredItem tail = null;
            for (StoredItem item : items.descendingMap().values()) {
                if (item.kind() == ItemKind.STEP || item.kind() == ItemKind.JOIN) {
                    tail = item;
                    break;
                }
            }
            if (tail == null) {
                throw new IllegalStateException("no step to redrive in frame '" + oldFrame + "' of " + executionArn);
            }
            if (tail.kind() == ItemKind.JOIN) {
                return restartFanOut(tail, seq, newFrame, previousEventId);
            }
            StepBody entered = ItemBodies.step(tail.body());
            for (StoredItem item : items.headMap(StepKeys.seq(tail.key()), true).descendingMap().values()) {
                if (item.kind() != ItemKind.STEP) {
                    break;
                }
                StepBody body = ItemBodies.step(item.body());
                if (body.step() instanceof Step.Enter || body.step() instanceof Step.StartBranch) {
                    entered = body;
                    break;
                }
            }
            String key = StepKeys.step(newFrame, seq);
            StepBody body = StepBody.of(entered.step(), previousEventId);
            store.putIfAbsent(executionArn, StoredItem.of(key, ItemKind.STEP, ItemBodies.write(body)));
            return List.of(new StepMessage(executionArn, key));
        }

        /**
         * A Map or Parallel state that did not finish: a new join with the old join's settings;
         * successful branch ends are copied and counted, the others restart. A redriven fan-out
         * starts all its unsuccessful branches at once (no MaxConcurrency bound).
         */
        private List<StepMessage> restartFanOut(StoredItem oldJoin, long seq, String newFrame, long previousEventId) {
            StepBody old = ItemBodies.step(oldJoin.body());
            StepBody.JoinSettings settings = old.join();
            if (settings.mapRun() != null) {
                return restartMapRun(old, StepKeys.step(newFrame, seq), previousEventId);
            }
            String stateName = settings.stateName();
            int total = settings.total();
            String joinKey = StepKeys.step(newFrame, seq);
            // A redriven fan-out starts all its unsuccessful branches at once (FanIn.Join#redriven).
            StepBody body = StepBody.of(old.step(), previousEventId).joining(new StepBody.JoinSettings(stateName, total, 0,
                    settings.toleratedCount(), settings.toleratedPercentage(), null));
            store.putIfAbsent(executionArn, StoredItem.of(joinKey, ItemKind.JOIN, ItemBodies.write(body)));
            String oldFrame = StepKeys.frameKey(oldJoin.key());
            long oldSeq = StepKeys.seq(oldJoin.key());
            List<StoredItem> copies = new ArrayList<>();
            List<Integer> kept = new ArrayList<>();
            List<StepMessage> messages = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                String oldChild = StepKeys.child(oldFrame, stateName, oldSeq, i);
                String newChild = StepKeys.child(newFrame, stateName, seq, i);
                StoredItem end = ends.get(StepKeys.branchEnd(oldChild));
                if (end != null && !ItemBodies.branchEnd(end.body()).failed()) {
                    copies.add(StoredItem.of(StepKeys.branchEnd(newChild), ItemKind.END, end.body()));
                    kept.add(i);
                } else {
                    messages.addAll(restart(oldChild, 0, newChild, previousEventId));
                }
            }
            store.putAll(executionArn, copies);
            for (int index : kept) {
                env.store().joins().countBranch(executionArn, joinKey, index, false);
            }
            if (kept.size() == total && env.store().joins().closeJoin(executionArn, joinKey, "succeeded", null, null)) {
                messages.add(new StepMessage(executionArn, joinKey));
            }
            return messages;
        }

        /**
         * A Map Run that did not succeed goes on as this redrive's attempt (AWS: "A redriven parent
         * workflow redrives all the unsuccessful states, including Distributed Map"): a new join, the
         * run's redrive recorded with MapRunRedriven in the parent's history, the children that
         * succeeded counted as they were, the others restarted (a failed child is redriven, a child
         * never started starts) as the run's MaxConcurrency allows, and its reader sent on if it had
         * not finished.
         */
        private List<StepMessage> restartMapRun(StepBody old, String joinKey, long previousEventId) {
            StepBody.JoinSettings settings = old.join();
            String mapRunArn = settings.mapRun();
            StepBody body = StepBody.of(old.step(), previousEventId).joining(new StepBody.JoinSettings(settings.stateName(), -1,
                    settings.maxConcurrency(), settings.toleratedCount(), settings.toleratedPercentage(), mapRunArn));
            store.putIfAbsent(executionArn, StoredItem.of(joinKey, ItemKind.JOIN, ItemBodies.write(body)));
            RunRecord before = mapRuns.fresh(mapRunArn);
            RunRecord record = mapRuns.redriven(mapRunArn, joinKey, redriveCount, now);
            if (before == null || record == null) {
                return List.of();
            }
            long eventId = store.allocateEvents(executionArn, 1);
            ArrayNode chunk = Json.NODES.arrayNode();
            chunk.add(HistoryJson.write(new dev.stepwise.engine.history.HistoryEvent(EventType.MapRunRedriven,
                    new EventDetails.MapRunRedriven(mapRunArn, record.redriveCount())), eventId, previousEventId, now));
            env.commit(executionArn, StoredItem.of(StepKeys.redrive(redriveCount) + "#" + joinKey, ItemKind.REDRIVEN, Json.object())
                    .withEvents(eventId, chunk));
            int readOn = mapRunCounts.redrive(mapRunArn, before.attempt(), record);
            if (readOn >= 0) {
                feed.readOn(executionArn, joinKey, readOn);
            }
            return List.of();
        }
    }
}
