package dev.stepwise.runtime;

import dev.stepwise.engine.FailureTolerance;
import dev.stepwise.engine.FanIn;
import dev.stepwise.engine.Outcome;
import dev.stepwise.engine.Resumption;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.BranchEnd;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.JoinCount;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Fan-out and fan-in of Parallel and Map states. A fan-out writes its branch start steps, then
 * commits its join (the join item counts the branches); each branch's end is an item the join
 * counts once (a conditional update), and whoever sees the fan-out complete, or failed beyond its
 * tolerance, closes the join (once) and sends it. Under MaxConcurrency each counted end starts
 * the next branch. A Distributed Map's Map Run is fanned out by {@link MapRunFeed}: its children
 * are child executions, read, counted and collected at scale.
 */
final class BranchJoins {
    private final RuntimeEnv env;
    private final MapRunFeed feed;
    private final MapRunResults results;

    BranchJoins(RuntimeEnv env, MapRunFeed feed, MapRunResults results) {
        this.env = env;
        this.feed = feed;
        this.results = results;
    }

    /** Writes the branches' start steps, then commits the join and starts the first branches. */
    void fanOut(StepProcessor.Commit commit, ExecutionHeader header, Outcome.FanOut fanOut) {
        if (fanOut.mapRun() != null) {
            feed.fanOut(commit, header, fanOut);
            return;
        }
        StepDelivery delivery = commit.delivery();
        long joinSeq = StepKeys.seq(delivery.key) + 1;
        String joinKey = StepKeys.step(delivery.frameKey, joinSeq);
        String stateName = fanOut.join().visit().stateName();
        List<StoredItem> starts = new ArrayList<>(fanOut.branches().size());
        for (int i = 0; i < fanOut.branches().size(); i++) {
            String child = StepKeys.child(delivery.frameKey, stateName, joinSeq, i);
            starts.add(StoredItem.of(StepKeys.step(child, 0), ItemKind.STEP, ItemBodies.write(StepBody.of(fanOut.branches().get(i),
                    commit.last()))));
        }
        // Branch steps first, unconditionally: nothing reads them before the join commits.
        env.steps().putAll(delivery.executionArn, starts);
        FailureTolerance tolerance = fanOut.tolerance();
        StepBody join = StepBody.of(fanOut.join(), commit.last()).joining(new StepBody.JoinSettings(stateName,
                fanOut.branches().size(), fanOut.maxConcurrency(), tolerance.count(), tolerance.percentage(), null));
        StoredItem item = StoredItem.of(joinKey, ItemKind.JOIN, ItemBodies.write(join)).withEvents(commit.first(), commit.chunk());
        if (env.commit(delivery.executionArn, item)) {
            startBranches(delivery.executionArn, item);
        }
    }

    /** The join committed: the execution's ids come from the counter from now on; the first branches start. */
    void startBranches(String executionArn, StoredItem join) {
        StepBody.JoinSettings settings = ItemBodies.step(join.body()).join();
        if (settings.mapRun() != null) {
            feed.started(executionArn, join);
            return;
        }
        long last = join.events() == null ? 0 : join.firstEventId() + join.events().size() - 1;
        env.steps().raiseEventCounter(executionArn, last);
        env.queue().sendAll(rules(settings).initialStarts().stream()
                .map(index -> branchStart(executionArn, join.key(), settings.stateName(), index)).toList());
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

    /** Counts this branch once, and does what the fan-in rule ({@link FanIn}) decides: start more, close, or wait. */
    void count(String executionArn, String frameKey, BranchEnd end) {
        String joinKey = StepKeys.join(frameKey);
        JoinCount count = env.store().joins().countBranch(executionArn, joinKey, end.index(), end.failed());
        StepBody.JoinSettings join = ItemBodies.step(count.body()).join();
        FanIn.Decision decision = FanIn.ended(rules(join), new FanIn.Count(count.done(), count.failed(), count.fresh(),
                count.state() != null), end.failed()
                ? FanIn.BranchEnd.failed(end.output().get("Error").asText(), end.output().get("Cause").asText())
                : FanIn.BranchEnd.SUCCEEDED);
        if (decision instanceof FanIn.Decision.AlreadyClosed) {
            env.send(executionArn, joinKey); // the closer may have died before sending
        } else if (decision instanceof FanIn.Decision.Start start) {
            env.queue().sendAll(start.indices().stream().map(index -> branchStart(executionArn, joinKey, join.stateName(), index)).toList());
        } else if (decision instanceof FanIn.Decision.Succeed) {
            close(executionArn, joinKey, "succeeded", null, null, count.fresh());
        } else if (decision instanceof FanIn.Decision.Fail fail) {
            close(executionArn, joinKey, "failed", fail.error(), fail.cause(), count.fresh());
        }
        // Wait: branches still running, or another end closes the join
    }

    /** Closes the join once and sends it; a replayed count sends it again (the closer may have died before sending). */
    private void close(String executionArn, String joinKey, String state, String error, String cause, boolean fresh) {
        if (env.store().joins().closeJoin(executionArn, joinKey, state, error, cause) || !fresh) {
            env.send(executionArn, joinKey);
        }
    }

    /** The join's fan-in rules. */
    private static FanIn.Join rules(StepBody.JoinSettings join) {
        FailureTolerance tolerance = join.toleratedCount() == null && join.toleratedPercentage() == null ? FailureTolerance.NONE
                : new FailureTolerance(join.toleratedCount(), join.toleratedPercentage());
        return new FanIn.Join(join.total(), join.maxConcurrency(), tolerance, false);
    }

    /** What a closed join resumes its state with: the branches' outputs in order, or the failure that closed it. */
    Resumption result(String executionArn, StoredItem join, StepBody.JoinSettings settings) {
        if (settings.mapRun() != null) {
            return results.result(join, settings);
        }
        if ("failed".equals(join.state())) {
            return new Resumption.BranchesFailed(join.error(), join.cause());
        }
        List<com.fasterxml.jackson.databind.JsonNode> outputs = new ArrayList<>();
        for (StoredItem end : env.steps().items(executionArn, StepKeys.branchEnds(join.key(), settings.stateName()))) {
            outputs.add(ItemBodies.branchEnd(end.body()).output());
        }
        return new Resumption.BranchesSucceeded(outputs);
    }
}
