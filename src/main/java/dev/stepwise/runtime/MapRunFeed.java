package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.JsonSize;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FailureTolerance;
import dev.stepwise.engine.FanIn;
import dev.stepwise.engine.ItemBatcher;
import dev.stepwise.engine.ItemCursor;
import dev.stepwise.engine.ItemReading;
import dev.stepwise.engine.MapItems;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.Outcome;
import dev.stepwise.engine.Step;
import dev.stepwise.store.CounterState;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.ParentLink;
import dev.stepwise.store.RunPage;
import dev.stepwise.store.RunRecord;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import dev.stepwise.store.TableLayout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Map Run's items and the starts of its children. Its fan-out commits the join (its number of
 * children unknown) and sends its reader's first page; each page is one step: it reads the next
 * chunk of items from where the last page stopped (a position its ItemReader gave, or an index
 * into the state's input), gives each its input (ItemSelector) and batches them (ItemBatcher),
 * and writes them as the chunk's page — the step's commit, so a replay reads nothing twice —
 * before it sends the next page. No step holds more than a page, whatever the run's size.
 * Children start from start messages, a slice of a chunk at a time, as the fan-in rules allow
 * ({@link MapRunCounts}).
 */
final class MapRunFeed {
    /** At most this many children a start message starts; the rest go on in another message. */
    private static final int STARTS_PER_MESSAGE = 25;
    /** A page closes early once its children's inputs pass this size (DynamoDB spills larger pages to parts). */
    private static final long PAGE_BYTES = 1024 * 1024;

    /** How a Map Run's children start and redrive: by the runtime, with the run's revision. */
    interface ChildRuns {
        void start(String mapRunArn, String name, String input);

        /** Redrives a child that failed in an earlier run of the parent; false when it may not be redriven. */
        boolean redrive(String childArn, String clientToken);
    }

    private final RuntimeEnv env;
    private final Machines machines;
    private final MapRuns runs;
    private final MapRunCounts counts;
    private final ParentNotices parents;
    private final ChildRuns children;
    private final ItemReading reading;

    MapRunFeed(RuntimeEnv env, Machines machines, MapRuns runs, MapRunCounts counts, ParentNotices parents, ChildRuns children,
               ItemReading reading) {
        this.env = env;
        this.machines = machines;
        this.runs = runs;
        this.counts = counts;
        this.parents = parents;
        this.children = children;
        this.reading = reading;
    }

    /** Records the run, commits its join (how many children it has is not known yet), and starts its reader. */
    void fanOut(StepProcessor.Commit commit, ExecutionHeader header, Outcome.FanOut fanOut) {
        StepDelivery delivery = commit.delivery();
        String joinKey = StepKeys.step(delivery.frameKey, StepKeys.seq(delivery.key) + 1);
        MapRun mapRun = fanOut.mapRun();
        FanIn.RunJoin rules = FanIn.RunJoin.of(fanOut.maxConcurrency(), fanOut.tolerance());
        runs.begin(delivery.executionArn, joinKey, mapRun, header.roleArn(), delivery.now, header.redriveCount(), rules,
                fanOut.maxConcurrency());
        FailureTolerance tolerance = fanOut.tolerance();
        StepBody join = StepBody.of(fanOut.join(), commit.last()).joining(new StepBody.JoinSettings(
                fanOut.join().visit().stateName(), -1, fanOut.maxConcurrency(), tolerance.count(), tolerance.percentage(), mapRun.arn()));
        StoredItem item = StoredItem.of(joinKey, ItemKind.JOIN, ItemBodies.write(join)).withEvents(commit.first(), commit.chunk());
        if (env.commit(delivery.executionArn, item)) {
            started(delivery.executionArn, item);
        }
    }

    /** The join committed: the execution's ids come from the counter from now on; the reader reads the first page. */
    void started(String executionArn, StoredItem join) {
        long last = join.events() == null ? 0 : join.firstEventId() + join.events().size() - 1;
        env.steps().raiseEventCounter(executionArn, last);
        env.send(executionArn, StepKeys.feed(join.key(), 0));
    }

    /** Sends the reader on at {@code page} (a redriven run whose reader had not finished). */
    void readOn(String executionArn, String joinKey, int page) {
        env.send(executionArn, StepKeys.feed(joinKey, page));
    }

    /** The open run a message of the parent names, or null when the run ended, the parent stopped, or the message is stale. */
    private Open open(StepDelivery delivery) {
        String joinKey = StepKeys.runJoin(delivery.key);
        ExecutionHeader header = env.store().headers().header(delivery.executionArn).orElse(null);
        if (header == null || header.status().isTerminal()) {
            return null;
        }
        StoredItem join = env.steps().item(delivery.executionArn, joinKey).orElse(null);
        if (join == null || join.state() != null) {
            return null;
        }
        StepBody body = ItemBodies.step(join.body());
        String arn = body.join().mapRun();
        RunRecord record = runs.record(arn);
        if (record == null || !record.joinKey().equals(joinKey)) {
            record = runs.fresh(arn);
        }
        return record == null || !record.joinKey().equals(joinKey) ? null : new Open(header, body, arn, record);
    }

    private record Open(ExecutionHeader header, StepBody join, String arn, RunRecord record) {
    }

    /** A feed message: reads page n unless it was written, then sets its counters and sends its starts and the next page. */
    void page(StepDelivery delivery) {
        Open run = open(delivery);
        if (run == null) {
            return;
        }
        int number = StepKeys.runNumbers(delivery.key)[0];
        String pk = TableLayout.runChunk(run.arn(), number);
        StoredItem stored = env.steps().item(pk, TableLayout.RUN_PAGE).orElse(null);
        RunPage page;
        if (stored == null) {
            RunPage previous = number == 0 ? null : page(run.arn(), number - 1);
            if (number > 0 && (previous == null || previous.last())) {
                return;
            }
            try {
                page = read(delivery, run, previous);
            } catch (StatesFailure failure) {
                // The run fails with its reader's error (States.ItemReaderFailed ...); the Map's Retry and Catch see it.
                if (env.store().joins().closeJoin(delivery.executionArn, run.record().joinKey(), "failed", failure.error(),
                        failure.cause()) || delivery.isRedelivery()) {
                    env.send(delivery.executionArn, run.record().joinKey());
                }
                return;
            }
            if (!env.steps().putIfAbsent(pk, StoredItem.of(TableLayout.RUN_PAGE, ItemKind.PAGE, ItemBodies.write(page)))) {
                if (!delivery.isRedelivery()) {
                    return; // another delivery wrote it and carries on
                }
                page = page(run.arn(), number);
            }
        } else if (!delivery.isRedelivery()) {
            return; // the delivery that wrote it carries on (or is redelivered)
        } else {
            page = ItemBodies.runPage(stored.body());
        }
        counts.pageWritten(run.arn(), run.record(), number, page);
        if (!page.last()) {
            env.send(delivery.executionArn, StepKeys.feed(run.record().joinKey(), number + 1));
        }
    }

    private RunPage page(String arn, int number) {
        return env.steps().item(TableLayout.runChunk(arn, number), TableLayout.RUN_PAGE).map(item -> ItemBodies.runPage(item.body()))
                .orElse(null);
    }

    /**
     * Reads the next page: items from where {@code previous} stopped, each given its input and
     * batched, until the chunk holds its children (or a page's bytes), the reader has no more, or
     * MaxItems were read. A page ends before an item that would start its next child, so the
     * next page reads that item again from its position.
     */
    private RunPage read(StepDelivery delivery, Open run, RunPage previous) {
        RunRecord record = run.record();
        JsonNode input = env.steps().load(delivery.executionArn, record.joinKey(), List.of(), true).input();
        MapItems items = env.engine().mapItems(machines.machine(run.header()), ExecutionStarts.info(run.header(), input),
                (Step.Resume) run.join().step(), delivery.now, delivery.random());
        JsonNode from = previous == null ? null : previous.next();
        long raw = previous == null ? 0 : previous.itemsRead();
        long maxItems = record.reader() == null ? 0 : record.reader().maxItems();
        List<JsonNode> inputs = new ArrayList<>();
        List<Integer> itemCounts = new ArrayList<>();
        long bytes = 0;
        JsonNode next = null;
        try (ItemCursor cursor = record.reader() == null ? ItemCursor.over(env.engine().withinBounds(items::inlineItems), from)
                : reading.open(record.reader(), env.options().region(), from)) {
            ItemBatcher batcher = items.batcher();
            while (true) {
                JsonNode item = maxItems > 0 && raw >= maxItems ? null : cursor.next();
                if (item == null) {
                    break;
                }
                long index = raw;
                // Each item's evaluation has a step's bounds: a page evaluates many.
                JsonNode itemInput = env.engine().withinBounds(() -> items.input(item, (int) index));
                if (!batcher.fits(itemInput)) {
                    int count = batcher.size();
                    JsonNode child = batcher.close();
                    inputs.add(child);
                    itemCounts.add(count);
                    bytes += JsonSize.size(child, Long.MAX_VALUE);
                    if (inputs.size() >= record.chunkSize() || bytes >= PAGE_BYTES) {
                        next = cursor.positionOfLast();
                        break;
                    }
                }
                batcher.add(itemInput);
                raw++;
            }
            if (next == null && batcher.size() > 0) {
                itemCounts.add(batcher.size());
                inputs.add(batcher.close());
            }
        }
        return new RunPage(previous == null ? 0 : previous.childrenRead(), inputs, itemCounts, raw, next, next == null);
    }

    /** A start message: starts children from..to of a chunk (a slice per message), skipping those that ended in this attempt. */
    void startChildren(StepDelivery delivery) {
        Open run = open(delivery);
        if (run == null) {
            return;
        }
        int[] numbers = StepKeys.runNumbers(delivery.key);
        int chunk = numbers[0];
        RunPage page = page(run.arn(), chunk);
        if (page == null) {
            return; // not read yet: the page's own step starts what the rules allow by then
        }
        int end = Math.min(numbers[2], page.size());
        int until = Math.min(end, numbers[1] + STARTS_PER_MESSAGE);
        Set<Long> ended = env.store().counters().read(MapRunCounts.chunk(run.arn(), run.record().attempt(), chunk))
                .map(CounterState::counted).orElse(Set.of());
        for (int slot = numbers[1]; slot < until; slot++) {
            if (!ended.contains((long) slot)) {
                startChild(delivery, run, chunk, slot, page);
            }
        }
        if (until < end) {
            env.send(delivery.executionArn, StepKeys.runStarts(run.record().joinKey(), chunk, until, end));
        }
    }

    /**
     * Starts (or finds) the child of a slot, linked to the run so that its end is counted: a child
     * that failed in a run of the parent before its last redrive is redriven instead, and a child
     * that ended is only told to its parent again (its notice may have been lost with an earlier
     * delivery). Starting a running child again finishes a start a crash cut short.
     */
    private void startChild(StepDelivery delivery, Open run, int chunk, int slot, RunPage page) {
        long index = page.firstChild() + slot;
        String name = MapRun.childName(run.arn(), index);
        String childArn = MapRun.childArn(run.arn(), name);
        ExecutionHeader child = env.store().headers().header(childArn).orElse(null);
        if (child != null && child.status().isTerminal() && !ranBefore(child, run.header())) {
            parents.tellParent(childArn); // its link is this attempt's; starting it again would only send another check
            return;
        }
        parents.link(childArn, ParentLink.mapRunChild(delivery.executionArn, new ParentLink.RunChild(run.record().joinKey(),
                run.arn(), run.record().attempt(), chunk, slot, page.itemCounts().get(slot))));
        if (child != null && child.status().isTerminal() && child.status() != ExecutionStatus.SUCCEEDED) {
            if (!children.redrive(childArn, delivery.executionArn + "#" + run.header().redriveCount())) {
                parents.tellParent(childArn);
            }
            return;
        }
        children.start(run.arn(), name, Json.write(page.inputs().get(slot)));
        if (child != null && child.status().isTerminal()) {
            parents.tellParent(childArn); // it succeeded before the parent's redrive: its end counts in this attempt
        }
    }

    /**
     * Whether the child's last run began before the parent's last redrive: only then is its
     * failure one a redrive must retry. A start delivered twice in the parent's current run
     * may find its child failed before the child's end reached the parent; that child's end stands.
     */
    private static boolean ranBefore(ExecutionHeader child, ExecutionHeader parent) {
        Instant childRun = child.redriveDate() != null ? child.redriveDate() : child.startDate();
        return parent.redriveDate() != null && childRun.isBefore(parent.redriveDate());
    }
}
