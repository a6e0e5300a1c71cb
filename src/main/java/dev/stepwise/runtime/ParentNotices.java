package dev.stepwise.runtime;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FanIn;
import dev.stepwise.engine.Resumption;
import dev.stepwise.store.BranchEnd;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.ParentLink;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import dev.stepwise.store.TableLayout;

/**
 * A child execution's end reaching the parent that waits for it: a {@code .sync} Task step gets
 * the child's description as its task's result, a Map Run's branch gets the child's output or
 * error as its end. Both are first-writer-wins items in the parent, so a notice told again (a
 * redelivery, a check, the parent's own step finding the child ended) changes nothing.
 */
final class ParentNotices {
    private final RuntimeEnv env;

    ParentNotices(RuntimeEnv env) {
        this.env = env;
    }

    /** Links a child to the parent step or branch waiting for it, before it can end. */
    void link(String childArn, ParentLink link) {
        env.steps().putAll(childArn, java.util.List.of(StoredItem.of(TableLayout.PARENT, ItemKind.PARENT, ItemBodies.write(link))));
    }

    /** The child ended (or may have): tells its parent, if one waits. Safe to call any number of times. */
    void tellParent(String childArn) {
        StoredItem linkItem = env.steps().item(childArn, TableLayout.PARENT).orElse(null);
        if (linkItem == null) {
            return;
        }
        ExecutionHeader child = env.store().headers().header(childArn).orElse(null);
        if (child == null || !child.status().isTerminal()) {
            return;
        }
        ParentLink link = ItemBodies.parentLink(linkItem.body());
        if (link.isMapRunBranch()) {
            mapRunChildEnded(child, link);
            return;
        }
        String input = env.store().headers().start(childArn).map(start -> start.input()).orElse("{}");
        Resumption result = NestedExecutions.ended(child, Json.parse(input), link.json());
        String parent = link.parentArn();
        if (env.steps().putIfAbsent(parent, StoredItem.of(StepKeys.result(link.awaitKey()), ItemKind.RESULT, ItemBodies.write(result)))
                || env.steps().item(parent, link.awaitKey()).isPresent()) {
            env.send(parent, link.awaitKey());
        }
    }

    /**
     * A Map Run's child ended: its end is its branch's end in the parent, counted as any branch's
     * end. A child that did not succeed is a failed item, with its error and cause as the item's result.
     */
    private void mapRunChildEnded(ExecutionHeader child, ParentLink link) {
        String endKey = StepKeys.branchEnd(StepKeys.frameKey(link.startKey()));
        boolean failed = child.status() != ExecutionStatus.SUCCEEDED;
        // DescribeMapRun counts children by how they ended: the status rides on the branch end.
        BranchEnd end = new BranchEnd(link.index(), failed, child.status().name(),
                failed ? FanIn.failedOutput(child.error(), child.cause()) : child.output());
        env.steps().putIfAbsent(link.parentArn(), StoredItem.of(endKey, ItemKind.END, ItemBodies.write(end)));
        env.send(link.parentArn(), endKey);
    }
}
