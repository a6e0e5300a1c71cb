package dev.stepwise.runtime;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.ParentLink;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import dev.stepwise.store.TableLayout;

/**
 * A child execution's end reaching the parent that waits for it: a {@code .sync} Task step gets
 * the child's description as its task's result (a first-writer-wins item in the parent), a Map
 * Run counts its child's end once ({@link MapRunCounts}), so a notice told again (a redelivery, a
 * check, the parent's own step finding the child ended) changes nothing.
 */
final class ParentNotices {
    private final RuntimeEnv env;
    private MapRunCounts runs;

    ParentNotices(RuntimeEnv env) {
        this.env = env;
    }

    /** Who counts a Map Run's children's ends (set once the runtime's parts exist). */
    void runs(MapRunCounts counts) {
        this.runs = counts;
    }

    /** Links a child to the parent step or branch waiting for it, before it can end. */
    void link(String childArn, ParentLink link) {
        env.steps().putAll(childArn, java.util.List.of(StoredItem.of(TableLayout.PARENT, ItemKind.PARENT, ItemBodies.write(link))));
    }

    /** The child ended (or may have): tells its parent, if one waits. Safe to call any number of times. */
    void tellParent(String childArn) {
        tell(childArn, false);
    }

    /**
     * As {@link #tellParent}, for a check that comes long after the child's end: a Map Run that
     * counted the child already is not told again. A count told again is a replay, and a replay
     * restarts every start its chunk allowed so far (what a crash between the count and its starts
     * would have lost), which is only worth its cost for a redelivered end.
     */
    void tellParentIfUntold(String childArn) {
        tell(childArn, true);
    }

    private void tell(String childArn, boolean ifUntold) {
        StoredItem linkItem = env.steps().item(childArn, TableLayout.PARENT).orElse(null);
        if (linkItem == null) {
            return;
        }
        ExecutionHeader child = env.store().headers().header(childArn).orElse(null);
        if (child == null || !child.status().isTerminal()) {
            return;
        }
        ParentLink link = ItemBodies.parentLink(linkItem.body());
        if (link.isMapRunChild()) {
            // Counted once into its run's chunk, however often it is told.
            if (!ifUntold || !runs.counted(link.runChild())) {
                runs.childEnded(link.runChild(), child.status());
            }
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
}
