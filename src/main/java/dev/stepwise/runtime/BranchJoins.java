package dev.stepwise.runtime;

import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FailureTolerance;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.Outcome;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.Step;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.BranchEnd;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.JoinCount;
import dev.stepwise.store.ParentLink;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Fan-out and fan-in of Parallel and Map states. A fan-out writes its branch start steps, then
 * commits its join (the join item counts the branches); each branch's end is an item the join
 * counts once (a conditional update), and whoever sees the fan-out complete, or failed beyond its
 * tolerance, closes the join (once) and sends it. Under MaxConcurrency each counted end starts
 * the next branch. A Distributed Map's branches are child executions of its Map Run.
 */
final class BranchJoins {
    private final RuntimeEnv env;
    private final MapRuns mapRuns;
    private final ParentNotices parents;
    /** Starts (or finds) a child execution: Map Run ARN, name, input text → its ARN; and redrives one (ARN, clientToken). */
    private final ChildRuns children;

    /** How a Map Run's branch reaches its child execution. */
    interface ChildRuns {
        void start(String mapRunArn, String name, String input);

        /** Redrives a child that failed in an earlier run of the parent; false when it may not be redriven. */
        boolean redrive(String childArn, String clientToken);
    }

    BranchJoins(RuntimeEnv env, MapRuns mapRuns, ParentNotices parents, ChildRuns children) {
        this.env = env;
        this.mapRuns = mapRuns;
        this.parents = parents;
        this.children = children;
    }

    /** Writes the branches' start steps, then commits the join and starts the first branches. */
    void fanOut(StepProcessor.Commit commit, ExecutionHeader header, Outcome.FanOut fanOut) {
        StepDelivery delivery = commit.delivery();
        long joinSeq = StepKeys.seq(delivery.key) + 1;
        String joinKey = StepKeys.step(delivery.frameKey, joinSeq);
        String stateName = fanOut.join().visit().stateName();
        MapRun mapRun = fanOut.mapRun();
        if (mapRun != null) {
            mapRuns.begin(delivery.executionArn, joinKey, mapRun, header.roleArn(), delivery.now);
        }
        List<StoredItem> starts = new ArrayList<>(fanOut.branches().size());
        for (int i = 0; i < fanOut.branches().size(); i++) {
            String child = StepKeys.child(delivery.frameKey, stateName, joinSeq, i);
            StepBody start = StepBody.of(fanOut.branches().get(i), commit.last());
            if (mapRun != null) {
                start = start.inMapRun(mapRun.arn()); // this branch is a child execution of the run
            }
            starts.add(StoredItem.of(StepKeys.step(child, 0), ItemKind.STEP, ItemBodies.write(start)));
        }
        // Branch steps first, unconditionally: nothing reads them before the join commits.
        env.steps().putAll(delivery.executionArn, starts);
        FailureTolerance tolerance = fanOut.tolerance();
        StepBody join = StepBody.of(fanOut.join(), commit.last()).joining(new StepBody.JoinSettings(stateName,
                fanOut.branches().size(), fanOut.maxConcurrency(), tolerance.count(), tolerance.percentage(),
                mapRun == null ? null : mapRun.arn()));
        StoredItem item = StoredItem.of(joinKey, ItemKind.JOIN, ItemBodies.write(join)).withEvents(commit.first(), commit.chunk());
        if (env.commit(delivery.executionArn, item)) {
            startBranches(delivery.executionArn, item);
        }
    }

    /** The join committed: the execution's ids come from the counter from now on; the first branches start. */
    void startBranches(String executionArn, StoredItem join) {
        long last = join.events() == null ? 0 : join.firstEventId() + join.events().size() - 1;
        env.steps().raiseEventCounter(executionArn, last);
        StepBody.JoinSettings settings = ItemBodies.step(join.body()).join();
        int total = settings.total();
        int initial = settings.maxConcurrency() == 0 ? total : Math.min(settings.maxConcurrency(), total);
        List<StepMessage> messages = new ArrayList<>(initial);
        for (int i = 0; i < initial; i++) {
            messages.add(branchStart(executionArn, join.key(), settings.stateName(), i));
        }
        env.queue().sendAll(messages);
    }

    private static StepMessage branchStart(String executionArn, String joinKey, String stateName, int index) {
        String child = StepKeys.child(StepKeys.frameKey(joinKey), stateName, StepKeys.seq(joinKey), index);
        return new StepMessage(executionArn, StepKeys.step(child, 0));
    }

    /** Recovery: a branch's end was committed; count it into its join (idempotent) and send the join if it is due. */
    void recount(StepDelivery delivery) {
        env.steps().item(delivery.executionArn, delivery.key)
                .ifPresent(end -> count(delivery.executionArn, delivery.frameKey, ItemBodies.branchEnd(end.body())));
    }

    /** Counts this branch once; whoever sees the fan-out complete (or failed) sends its join. */
    void count(String executionArn, String frameKey, BranchEnd end) {
        String joinKey = StepKeys.join(frameKey);
        JoinCount count = env.store().joins().countBranch(executionArn, joinKey, end.index(), end.failed());
        StepBody.JoinSettings join = ItemBodies.step(count.body()).join();
        int total = join.total();
        MapRuns.Settings settings = mapRuns.settings(join);
        if (count.state() != null) {
            if (!count.fresh()) {
                env.send(executionArn, joinKey); // a redo: the closer may have died before sending
            }
            return;
        }
        if (settings.tolerance().isExceeded(count.failed(), total)) {
            // An inline Map or Parallel without tolerance fails with the branch's error; a Map Run never does.
            boolean none = join.toleratedCount() == null && join.toleratedPercentage() == null && join.mapRun() == null;
            String error = none ? end.output().get("Error").asText() : StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD.aslName();
            String cause = none ? end.output().get("Cause").asText() : FailureTolerance.EXCEEDED_CAUSE;
            if (!end.failed() && !count.fresh()) {
                return; // replaying a success after another branch failed the join: the failer closes it
            }
            if (env.store().joins().closeJoin(executionArn, joinKey, "failed", error, cause) || !count.fresh()) {
                env.send(executionArn, joinKey);
            }
        } else if (count.done() == total) {
            if (env.store().joins().closeJoin(executionArn, joinKey, "succeeded", null, null) || !count.fresh()) {
                env.send(executionArn, joinKey);
            }
        } else if (settings.maxConcurrency() > 0) {
            int maxc = settings.maxConcurrency();
            if (count.fresh()) {
                int next = maxc + count.done() - 1;
                if (next < total) {
                    env.queue().send(branchStart(executionArn, joinKey, join.stateName(), next), 0);
                }
            } else {
                // A redo does not know which start its count owed: send them all again;
                // branches that ran already ignore the message.
                List<StepMessage> again = new ArrayList<>();
                for (int i = maxc; i < Math.min(total, maxc + count.done()); i++) {
                    again.add(branchStart(executionArn, joinKey, join.stateName(), i));
                }
                env.queue().sendAll(again);
            }
        }
    }

    /** What a closed join resumes its state with: the branches' outputs in order, or the failure that closed it. */
    Resumption result(String executionArn, StoredItem join, StepBody.JoinSettings settings) {
        if ("failed".equals(join.state())) {
            return new Resumption.BranchesFailed(join.error(), join.cause());
        }
        List<com.fasterxml.jackson.databind.JsonNode> outputs = new ArrayList<>();
        for (StoredItem end : env.steps().items(executionArn, StepKeys.branchEnds(join.key(), settings.stateName()))) {
            outputs.add(ItemBodies.branchEnd(end.body()).output());
        }
        return new Resumption.BranchesSucceeded(outputs);
    }

    /**
     * A Map Run's branch: starts its child execution, linked to this branch so that the child's
     * end becomes the branch's end. Starting it again (a redelivery, UpdateMapRun) finds the
     * child and only sends its first step again; a redrive of the parent redrives a child that
     * did not succeed.
     */
    void startMapRunChild(StepDelivery delivery, ExecutionHeader header, StepBody body) {
        String mapRunArn = body.mapRun();
        int index = StepKeys.branchIndex(delivery.frameKey);
        String name = MapRun.childName(mapRunArn, index);
        String childArn = MapRun.childArn(mapRunArn, name);
        parents.link(childArn, ParentLink.mapRunBranch(delivery.executionArn, delivery.key, index));
        ExecutionHeader child = env.store().headers().header(childArn).orElse(null);
        if (child != null && child.status().isTerminal() && child.status() != ExecutionStatus.SUCCEEDED && ranBefore(child, header)) {
            if (!children.redrive(childArn, delivery.executionArn + "#" + header.redriveCount())) {
                parents.tellParent(childArn);
            }
            return;
        }
        Step.StartBranch start = (Step.StartBranch) body.step();
        children.start(mapRunArn, name, dev.stepwise.asl.Json.write(start.input()));
        if (child != null && child.status().isTerminal()) {
            parents.tellParent(childArn); // it ended before: its notice may have been lost with an earlier delivery
        }
    }

    /**
     * Whether the child's last run began before the parent's last redrive: only then is its
     * failure one a redrive must retry. A start delivered twice in the parent's current run
     * may find its child failed before the child's end reached the parent; that child's end
     * stands.
     */
    private static boolean ranBefore(ExecutionHeader child, ExecutionHeader parent) {
        Instant childRun = child.redriveDate() != null ? child.redriveDate() : child.startDate();
        return parent.redriveDate() != null && childRun.isBefore(parent.redriveDate());
    }
}
