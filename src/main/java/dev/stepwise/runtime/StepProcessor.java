package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.engine.ExecutionEnd;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.FanIn;
import dev.stepwise.engine.HistoryLimit;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.Outcome;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.Step;
import dev.stepwise.engine.StepResult;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.BranchEnd;
import dev.stepwise.store.RootEnd;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The durable step processor: one message, one step. It loads the step (the header, the step
 * and the items that show whether the step already ran), gates it, lets the engine decide, then
 * applies the outcome in a fixed order whose first write is the step's COMMIT: a single
 * conditional put of the one item the step produces (the successor step, the join of a fan-out,
 * or the end of a branch or of the execution) carrying the step's history events. Everything
 * after the commit (sends, join counting, the execution's end) is derived from the committed item
 * and is idempotent, so a redelivered message whose commit exists only redoes those effects.
 *
 * <p>Duplicates: a message delivered the first time ({@code receiveCount == 1}) that finds its
 * commit written leaves the effects to the delivery that committed (it is alive or will be
 * redelivered); a redelivery ({@code receiveCount > 1}) redoes them. That stops a duplicate from
 * chasing the execution's frontier while still recovering a crash between any two effects.
 *
 * <p>Event ids: while an execution has never fanned out, each step carries the id of its first
 * event, so a linear execution costs no counter update. Once branches run concurrently, steps
 * reserve ids from the header's atomic counter after deciding (with the counter's last value as
 * the provisional first id, deciding again only when another step took it). A step that crashes
 * between its reservation and its commit leaves ids nobody uses; histories are numbered by rank,
 * so readers never see the gap (store.HistoryOrder).
 */
final class StepProcessor {
    private static final int CACHE = 512;

    private final RuntimeEnv env;
    private final Machines machines;
    private final ExecutionStarts starts;
    private final ExecutionEnds ends;
    private final TaskDispatch tasks;
    private final AwaitedTasks awaited;
    private final BranchJoins joins;
    private final MapRunFeed feed;
    private final Map<String, ExecutionInfo> executions = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExecutionInfo> eldest) {
            return size() > CACHE;
        }
    });

    StepProcessor(RuntimeEnv env, Machines machines, ExecutionStarts starts, ExecutionEnds ends, TaskDispatch tasks,
                  AwaitedTasks awaited, BranchJoins joins, MapRunFeed feed) {
        this.env = env;
        this.machines = machines;
        this.starts = starts;
        this.ends = ends;
        this.tasks = tasks;
        this.awaited = awaited;
        this.joins = joins;
        this.feed = feed;
    }

    /**
     * Processes one message. Returns normally when the message may be deleted; throws when it
     * must be redelivered. {@code receiveCount} is SQS's ApproximateReceiveCount.
     */
    void process(StepMessage message, int receiveCount) {
        if (message.recovered()) {
            receiveCount = Math.max(receiveCount, 2);
        }
        try {
            if (message.step().equals(StepMessage.CHECK)) {
                starts.check(message.execution());
            } else {
                StepDelivery delivery = new StepDelivery(message, receiveCount, env.clock().instant());
                if (StepKeys.isBranchEnd(message.step())) {
                    joins.recount(delivery);
                } else if (StepKeys.isFeed(message.step())) {
                    feed.page(delivery);
                } else if (StepKeys.isRunStarts(message.step())) {
                    feed.startChildren(delivery);
                } else {
                    run(delivery);
                }
            }
        } catch (RuntimeException e) {
            if (receiveCount >= env.options().maxReceives()) {
                ends.failPoisoned(message, receiveCount, e);
            }
            throw e;
        }
    }

    private void run(StepDelivery delivery) {
        String executionArn = delivery.executionArn;
        List<String> others = new ArrayList<>(3);
        others.add(delivery.successor());
        if (!delivery.root) {
            others.add(StepKeys.branchEnd(delivery.frameKey));
            others.add(StepKeys.join(delivery.frameKey));
        }
        delivery.loaded = env.steps().load(executionArn, delivery.key, others, !executions.containsKey(executionArn));
        ExecutionHeader header = delivery.loaded.header();
        StoredItem item = delivery.loaded.step();
        if (header == null || item == null) {
            return; // nothing to do: a message for an execution or step that was never written
        }
        remember(header, delivery.loaded.input());
        if (item.kind() == ItemKind.END && delivery.root && delivery.isRedelivery()) {
            ends.finish(header, ItemBodies.rootEnd(item.body())); // the end was committed, its header not yet
            return;
        }
        if (!item.kind().isRunnable() || (item.kind() == ItemKind.JOIN && item.state() == null)) {
            return; // not a step, or a join whose branches are still running: its finisher sends it again
        }
        StoredItem committed = delivery.loaded.others().get(delivery.successor());
        if (committed == null && !delivery.root) {
            committed = delivery.loaded.others().get(StepKeys.branchEnd(delivery.frameKey));
        }
        if (committed != null) {
            if (delivery.isRedelivery()) {
                redo(delivery, committed);
            }
            return;
        }
        if (header.status().isTerminal()) {
            ends.halt(header, item);
            return;
        }
        if (!delivery.root) {
            StoredItem parentJoin = delivery.loaded.others().get(StepKeys.join(delivery.frameKey));
            if (parentJoin != null && parentJoin.state() != null) {
                return; // the fan-out already ended (a sibling failed it): this branch stops here
            }
        }
        StepBody body = ItemBodies.step(item.body());
        if (body.runAt() != null && delivery.now.isBefore(Instant.ofEpochMilli(body.runAt()).minusMillis(500))) {
            // one hop of a wait longer than SQS's 900 s
            env.queue().send(delivery.message, RuntimeEnv.delay(delivery.now, Instant.ofEpochMilli(body.runAt())));
            return;
        }
        Step step = body.step();
        if (item.kind() == ItemKind.JOIN) {
            step = ((Step.Resume) step).with(joins.result(executionArn, item, body.join()));
        } else if (item.kind() == ItemKind.AWAIT) {
            Resumption result = awaited.result(delivery, body);
            if (result == null) {
                return; // still waiting: the result, or the next deadline's check, sends this step again
            }
            step = ((Step.Resume) step).with(result);
        }
        env.listener().stepStarting(executionArn, step);
        decide(delivery, header, body, step);
    }

    private void remember(ExecutionHeader header, JsonNode input) {
        String arn = header.executionArn();
        if (input != null) {
            executions.put(arn, ExecutionStarts.info(header, input));
        } else {
            // redriven since it was cached: the context's redrive count and time change
            executions.computeIfPresent(arn, (a, cached) -> cached.redriveCount() == header.redriveCount()
                    ? cached : ExecutionStarts.info(header, cached.input()));
        }
    }

    private ExecutionInfo info(ExecutionHeader header, String executionArn, String key) {
        ExecutionInfo info = executions.get(executionArn);
        if (info == null) {
            info = ExecutionStarts.info(header, env.steps().load(executionArn, key, List.of(), true).input());
            executions.put(executionArn, info);
        }
        return info;
    }

    private void decide(StepDelivery delivery, ExecutionHeader header, StepBody body, Step step) {
        StateMachine machine = machines.machine(header);
        ExecutionInfo info = info(header, delivery.executionArn, delivery.key);
        boolean carried = body.firstEventId() != null;
        long first = carried ? body.firstEventId() : header.eventCounter() + 1;
        TaskTokens.Secret secret = new TaskTokens.Secret();
        String awaitKey = delivery.successor();
        Supplier<String> token = () -> TaskTokens.token(delivery.executionArn, awaitKey, secret.get());
        StepResult result = env.engine().step(machine, info, step, delivery.now, first, delivery.random(), token);
        if (!carried) {
            long reserved = reserveEvents(delivery.executionArn, result.eventsToReserve(), body.previousEventId());
            if (reserved != first) {
                // Another step took the provisional ids: shift ours, or decide again when a cause quotes the id.
                result = result.eventIdUse() == StepResult.EventIdUse.QUOTED
                        ? env.engine().step(machine, info, step, delivery.now, reserved, delivery.random(), token)
                        : result.renumbered(reserved);
                first = reserved;
            }
        }
        long last = first + result.events().size() - 1;
        Optional<HistoryLimit.Reached> limit = new HistoryLimit(env.options().historyLimit()).check(result, first);
        if (limit.isPresent()) {
            historyLimitReached(delivery, header, limit.get(), first, body.previousEventId());
            return;
        }
        ArrayNode chunk = HistoryChunks.of(result.events(), first, body.previousEventId(), delivery.now);
        Commit commit = new Commit(delivery, chunk, first, last, carried);
        Outcome outcome = result.outcome();
        if (outcome instanceof Outcome.Continue go) {
            continueWith(commit, go.next(), null);
        } else if (outcome instanceof Outcome.Sleep sleep) {
            continueWith(commit, sleep.next(), env.options().scaled(delivery.now, sleep.until()));
        } else if (outcome instanceof Outcome.RunTask task) {
            Step next = tasks.run(commit, header, task, secret);
            if (next != null) {
                continueWith(commit, next, null);
            }
        } else if (outcome instanceof Outcome.FanOut fanOut) {
            joins.fanOut(commit, header, fanOut);
        } else if (outcome instanceof Outcome.FrameSucceeded done) {
            end(commit, header, done.output(), null, null);
        } else if (outcome instanceof Outcome.FrameFailed failed) {
            end(commit, header, null, failed.error(), failed.cause());
        }
    }

    /**
     * Reserves ids after {@code previousEventId}. The counter is raised past a linear run's carried
     * ids when its first fan-out commits; a fan-out whose raise was lost in a crash (a killed local
     * runner's recovery runs its branches without the join) would hand out ids already carried, so
     * a reservation at or below the step's previous event raises the counter and reserves again.
     */
    private long reserveEvents(String executionArn, int count, long previousEventId) {
        long reserved = env.steps().allocateEvents(executionArn, count);
        if (reserved <= previousEventId) {
            env.steps().raiseEventCounter(executionArn, previousEventId);
            reserved = env.steps().allocateEvents(executionArn, count);
        }
        return reserved;
    }

    /**
     * What a decided step commits with: its events and their ids. {@code carried}: ids come with
     * the steps (a linear run), so the successor carries its own first id.
     */
    record Commit(StepDelivery delivery, ArrayNode chunk, long first, long last, boolean carried) {
        /** The successor's body: after this step's last event, carrying its first id in a linear run. */
        StepBody successor(Step next) {
            return successor(next, last);
        }

        StepBody successor(Step next, long lastEventId) {
            StepBody body = StepBody.of(next, lastEventId);
            return carried ? body.carrying(lastEventId + 1) : body;
        }

        StoredItem item(String key, ItemKind kind, StepBody body) {
            return StoredItem.of(key, kind, ItemBodies.write(body)).withEvents(first, chunk);
        }
    }

    /** Commits the successor step and sends it, now or when its wait ends ({@code until}, on the time scale). */
    void continueWith(Commit commit, Step next, Instant until) {
        StepDelivery delivery = commit.delivery();
        StepBody body = commit.successor(next);
        if (until != null) {
            body = body.at(until.toEpochMilli());
        }
        if (env.commit(delivery.executionArn, commit.item(delivery.successor(), ItemKind.STEP, body))) {
            if (until == null) {
                env.send(delivery.executionArn, delivery.successor());
            } else {
                env.sendAt(delivery.executionArn, delivery.successor(), until);
            }
        }
    }

    private void end(Commit commit, ExecutionHeader header, JsonNode output, String error, String cause) {
        StepDelivery delivery = commit.delivery();
        if (delivery.root) {
            RootEnd end = new RootEnd(output != null ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED, output, error, cause);
            StoredItem item = StoredItem.of(delivery.successor(), ItemKind.END, ItemBodies.write(end)).withEvents(commit.first(), commit.chunk());
            if (env.commit(delivery.executionArn, item)) {
                ends.finish(header, end);
            }
            return;
        }
        // A tolerated failure shows in the Map's result as the error object (InMemoryRunner does the same).
        BranchEnd end = new BranchEnd(StepKeys.branchIndex(delivery.frameKey), output == null, null,
                output != null ? output : FanIn.failedOutput(error, cause));
        StoredItem item = StoredItem.of(StepKeys.branchEnd(delivery.frameKey), ItemKind.END, ItemBodies.write(end))
                .withEvents(commit.first(), commit.chunk());
        if (env.commit(delivery.executionArn, item)) {
            joins.count(delivery.executionArn, delivery.frameKey, end);
        }
    }

    /** The step's events would pass AWS's history quota: it records what fits and the execution fails (engine.HistoryLimit). */
    private void historyLimitReached(StepDelivery delivery, ExecutionHeader header, HistoryLimit.Reached reached, long first,
                                     long previous) {
        ArrayNode chunk = HistoryChunks.of(reached.events(), first, previous, delivery.now);
        ExecutionEnd failed = reached.end();
        RootEnd end = new RootEnd(failed.status(), null, failed.error(), failed.cause());
        String target = delivery.root ? delivery.successor() : StepKeys.END;
        if (env.commit(delivery.executionArn, StoredItem.of(target, ItemKind.END, ItemBodies.write(end)).withEvents(first, chunk))) {
            ends.finish(header, end);
        }
    }

    /** The step committed earlier but its delivery did not finish: redo the effects that follow a commit. */
    private void redo(StepDelivery delivery, StoredItem committed) {
        switch (committed.kind()) {
            case STEP -> {
                StepBody body = ItemBodies.step(committed.body());
                int delay = body.runAt() == null ? 0 : RuntimeEnv.delay(delivery.now, Instant.ofEpochMilli(body.runAt()));
                env.queue().send(new StepMessage(delivery.executionArn, committed.key()), delay);
            }
            case AWAIT -> awaited.redo(delivery.executionArn, committed);
            case JOIN -> joins.startBranches(delivery.executionArn, committed);
            case END -> {
                if (delivery.root) {
                    ends.finish(delivery.loaded.header(), ItemBodies.rootEnd(committed.body()));
                } else {
                    joins.count(delivery.executionArn, delivery.frameKey, ItemBodies.branchEnd(committed.body()));
                }
            }
            default -> {
                // halt, redriven: nothing follows
            }
        }
    }
}
