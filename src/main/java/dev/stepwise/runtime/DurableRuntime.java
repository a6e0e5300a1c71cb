package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.FailureTolerance;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.Outcome;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.Step;
import dev.stepwise.engine.StepResult;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.engine.TaskResource;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ExecutionStore;
import dev.stepwise.store.HistoryJson;
import dev.stepwise.store.JoinCount;
import dev.stepwise.store.Loaded;
import dev.stepwise.store.StateMachineRecord;
import dev.stepwise.store.StepCodec;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import dev.stepwise.tasks.TaskExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The durable step processor: one message → one step. It loads the step (one BatchGetItem with
 * the header, the step and the items that show whether the step already ran), lets the engine
 * decide, then applies the outcome in a fixed order whose first write is the step's COMMIT: a
 * single conditional put of the one item the step produces — the successor step, the join of a
 * fan-out, or the end of a branch or execution — carrying the step's history events. Everything
 * after the commit (sends, join counting, the execution's end) is derived from the committed item
 * and is idempotent, so a redelivered message whose commit exists only redoes those effects.
 *
 * <p>Duplicates: a message delivered the first time ({@code receiveCount == 1}) that finds its
 * commit written leaves the effects to the delivery that committed (it is alive or will be
 * redelivered); a redelivery ({@code receiveCount > 1}) redoes them. That stops a duplicate
 * from chasing the execution's frontier while still recovering a crash between any two effects.
 *
 * <p>Event ids: while an execution has never fanned out, each step carries the id of its first
 * event ({@code fid}), so a linear execution costs no counter update. Once branches run
 * concurrently, steps reserve ids from the header's atomic counter.
 */
public final class DurableRuntime {
    static final String KIND_STEP = "step";
    static final String KIND_JOIN = "join";
    static final String KIND_END = "end";
    static final String KIND_HALT = "halt";
    /** A step that waits for its task's result: a callback token, a child execution, an activity worker. */
    static final String KIND_AWAIT = "await";
    /** The result of an awaited task, in {@code C#<awaiting step key>}: the first writer wins. */
    static final String KIND_RESULT = "result";
    /** A callback's secret, in {@code K#<awaiting step key>}, written before the call that sends its token. */
    static final String KIND_TOKEN = "token";
    /** The task's last heartbeat, in {@code H#<awaiting step key>}. */
    static final String KIND_BEAT = "beat";
    /** In a child execution's partition: the parent step that waits for it ({@code .sync}). */
    static final String PARENT = "PARENT";
    private static final int CACHE = 512;

    private final ExecutionStore store;
    private final StepQueue queue;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final RuntimeOptions options;
    private final Engine engine;
    private volatile StepListener listener = StepListener.NONE;
    private volatile ChildStarter children = this::startChild;
    private final Activities activities;
    private final MapRuns mapRuns;
    private final Map<String, StateMachine> machines = Collections.synchronizedMap(lru());
    private final Map<String, ExecutionInfo> executions = Collections.synchronizedMap(lru());
    private final Map<String, String> types = Collections.synchronizedMap(lru());

    public DurableRuntime(ExecutionStore store, StepQueue queue, TaskExecutor tasks, Clock clock, RuntimeOptions options) {
        this.store = store;
        this.queue = queue;
        this.tasks = tasks;
        this.clock = clock;
        this.options = options;
        this.engine = new Engine(options.engine());
        this.activities = new Activities(store, clock);
        this.mapRuns = new MapRuns(store, queue, clock, (child, cause) -> stopExecution(child, null, cause));
    }

    /** Distributed Map runs: DescribeMapRun, ListMapRuns, UpdateMapRun. */
    public MapRuns mapRuns() {
        return mapRuns;
    }

    /** Activities and their workers' GetActivityTask. */
    public Activities activities() {
        return activities;
    }

    public void listener(StepListener listener) {
        this.listener = listener;
    }

    /** Who starts the executions Task states start; by default the runtime itself. */
    public void children(ChildStarter starter) {
        this.children = starter;
    }

    private ChildStarter.Started startChild(String stateMachineArn, String name, String input) {
        JsonNode parsed;
        try {
            parsed = Json.parse(input);
        } catch (RuntimeException e) {
            throw new ChildStarter.Rejected("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getMessage() + "'");
        }
        if (store.stateMachine(stateMachineArn).isEmpty()) {
            throw new ChildStarter.Rejected("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + stateMachineArn + "'");
        }
        String arn = startExecution(stateMachineArn, name, parsed);
        return new ChildStarter.Started(arn, store.header(arn).map(ExecutionHeader::startDate).orElse(clock.instant()));
    }

    public RuntimeOptions options() {
        return options;
    }

    public ExecutionStore store() {
        return store;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE;
            }
        };
    }

    // ---- state machines and starts ------------------------------------------------------------

    public String createStateMachine(String name, String definition, String roleArn) {
        return createStateMachine(name, definition, roleArn, "STANDARD");
    }

    /** {@code type} STANDARD (task attempts at most once) or EXPRESS (at least once, with an idempotency key). */
    public String createStateMachine(String name, String definition, String roleArn, String type) {
        new StateMachineParser().parse(definition); // rejects an invalid definition before it is stored
        String arn = "arn:aws:states:" + options.region() + ":" + options.accountId() + ":stateMachine:" + name;
        store.putStateMachine(new StateMachineRecord(arn, name, definition, type, roleArn, clock.instant()));
        types.remove(arn);
        machines.remove(arn);
        return arn;
    }

    /**
     * Starts an execution: header + input, the first step carrying ExecutionStarted, its message,
     * and a delayed timeout check when the definition sets TimeoutSeconds. Starting the same name
     * again completes a start that was interrupted and returns the same ARN.
     */
    public String startExecution(String stateMachineArn, String name, JsonNode input) {
        StateMachineRecord record = store.stateMachine(stateMachineArn).orElseThrow(() ->
                new IllegalArgumentException("State Machine Does Not Exist: '" + stateMachineArn + "'"));
        StateMachine machine = machine(stateMachineArn);
        String executionArn = "arn:aws:states:" + options.region() + ":" + options.accountId() + ":execution:"
                + record.name() + ":" + name;
        Instant now = clock.instant();
        ExecutionHeader header = new ExecutionHeader(executionArn, name, stateMachineArn, record.name(), record.roleArn(),
                ExecutionStatus.RUNNING, now, null, null, null, null, machine.timeoutSeconds());
        if (!store.createExecution(header, input)) {
            header = store.header(executionArn).orElseThrow();
        }
        ExecutionInfo info = info(header, input);
        StepResult started = engine.start(machine, info);
        Step first = ((Outcome.Continue) started.outcome()).next();
        String key = StepKeys.step("", 0);
        ArrayNode chunk = chunk(started.events(), 1, 0, header.startDate());
        ObjectNode body = stepBody(first, 1);
        body.put("fid", 2);
        if (store.putIfAbsent(executionArn, StoredItem.of(key, KIND_STEP, body).withEvents(1, chunk))) {
            listener.committed(executionArn, chunk);
        }
        queue.send(new StepMessage(executionArn, key), 0);
        if (header.timeoutSeconds() != null) {
            queue.send(new StepMessage(executionArn, StepMessage.TIMEOUT_CHECK),
                    (int) Math.min(StepQueue.MAX_DELAY_SECONDS, header.timeoutSeconds()));
        }
        return executionArn;
    }

    /** StopExecution: ABORTED at once; in-flight steps see it, write ExecutionAborted once and stop. */
    public boolean stopExecution(String executionArn, String error, String cause) {
        ExecutionHeader header = store.header(executionArn).orElseThrow(() ->
                new IllegalArgumentException("Execution Does Not Exist: '" + executionArn + "'"));
        boolean stopped = store.finish(executionArn, header.stateMachineArn(), ExecutionStatus.ABORTED, clock.instant(), null,
                error, cause);
        tellParent(executionArn);
        mapRuns.parentEnded(executionArn);
        return stopped;
    }

    /**
     * RedriveExecution: see {@link Redrive}. Empty when there is no such execution; throws
     * {@link Redrive.NotRedrivable} when it may not be redriven.
     */
    public java.util.Optional<Redrive.Result> redriveExecution(String executionArn, String clientToken) {
        return new Redrive(store, queue, clock, options, listener).run(executionArn, clientToken);
    }

    /**
     * After a local runner was killed, its in-memory queue lost the messages in flight; the
     * store still has every committed step. Re-sends, as redeliveries, a message for each step
     * of each RUNNING execution that has not committed its successor, for each branch end (its
     * count is idempotent), for each committed execution end, and the timeout check.
     */
    public int resumeRunning() {
        int sent = 0;
        for (String executionArn : store.runningExecutions()) {
            List<StoredItem> steps = store.items(executionArn, "S#");
            List<StoredItem> ends = store.items(executionArn, "B#");
            java.util.Set<String> keys = new java.util.HashSet<>();
            steps.forEach(item -> keys.add(item.key()));
            ends.forEach(item -> keys.add(item.key()));
            List<StepMessage> messages = new ArrayList<>();
            for (StoredItem item : steps) {
                String frame = StepKeys.frameKey(item.key());
                boolean committed = keys.contains(StepKeys.successor(item.key()))
                        || (!StepKeys.isRoot(frame) && keys.contains(StepKeys.branchEnd(frame)));
                boolean rootEnd = item.kind().equals(KIND_END) && StepKeys.isRoot(frame);
                if (rootEnd || (!committed && (item.kind().equals(KIND_STEP) || item.kind().equals(KIND_JOIN)
                        || item.kind().equals(KIND_AWAIT)))) {
                    messages.add(StepMessage.recovery(executionArn, item.key()));
                }
            }
            ends.forEach(end -> messages.add(StepMessage.recovery(executionArn, end.key())));
            messages.add(StepMessage.recovery(executionArn, StepMessage.TIMEOUT_CHECK));
            for (StepMessage message : messages) {
                queue.send(message, 0);
            }
            sent += messages.size();
        }
        return sent;
    }

    // ---- the step processor -------------------------------------------------------------------

    /**
     * Processes one message. Returns normally when the message may be deleted; throws when it
     * must be redelivered. {@code receiveCount} is SQS's ApproximateReceiveCount.
     */
    public void process(StepMessage message, int receiveCount) {
        if (message.recovered()) {
            receiveCount = Math.max(receiveCount, 2);
        }
        try {
            if (message.step().equals(StepMessage.TIMEOUT_CHECK)) {
                checkTimeout(message.execution());
            } else if (message.step().startsWith("B#")) {
                new StepRun(message, receiveCount).recountBranch();
            } else {
                new StepRun(message, receiveCount).run();
            }
        } catch (RuntimeException e) {
            if (receiveCount >= options.maxReceives()) {
                failPoisoned(message, receiveCount, e);
            }
            throw e;
        }
    }

    private void checkTimeout(String executionArn) {
        ExecutionHeader header = store.header(executionArn).orElse(null);
        if (header != null && header.status().isTerminal()) {
            tellParent(executionArn); // a redelivery after a crash between the end and the notice
            return;
        }
        if (header == null || header.timeoutSeconds() == null) {
            return;
        }
        // A redriven execution's TimeoutSeconds counts from its redrive.
        Instant from = header.redriveDate() != null ? header.redriveDate() : header.startDate();
        Instant deadline = from.plusSeconds(header.timeoutSeconds());
        Instant now = clock.instant();
        if (now.isBefore(deadline)) {
            queue.send(new StepMessage(executionArn, StepMessage.TIMEOUT_CHECK), delay(now, deadline));
            return;
        }
        store.finish(executionArn, header.stateMachineArn(), ExecutionStatus.TIMED_OUT, now, null,
                StatesError.TIMEOUT.aslName(), Causes.TIMED_OUT);
        tellParent(executionArn);
        mapRuns.parentEnded(executionArn);
    }

    /**
     * The last delivery of a message failed too: the message goes to the dead-letter queue (SQS
     * moves it), and its execution fails with a cause that says so, so it never hangs RUNNING.
     */
    private void failPoisoned(StepMessage message, int receiveCount, RuntimeException e) {
        try {
            ExecutionHeader header = store.header(message.execution()).orElse(null);
            if (header == null || header.status().isTerminal()) {
                return;
            }
            String cause = Causes.poisoned(message.step(), receiveCount, e);
            Instant now = clock.instant();
            if (store.finish(message.execution(), header.stateMachineArn(), ExecutionStatus.FAILED, now, null,
                    StatesError.RUNTIME.aslName(), cause)) {
                // The step's own item, when it can be read, carries the next event id of a linear execution.
                StoredItem step = message.step().startsWith("S#") ? store.item(message.execution(), message.step()).orElse(null) : null;
                writeEndEvent(message.execution(), step, new HistoryEvent(EventType.ExecutionFailed,
                        new EventDetails.ExecutionFailed(StatesError.RUNTIME.aslName(), cause)), now, null);
            }
            tellParent(message.execution());
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
    }

    /** One processing of one step message. */
    private final class StepRun {
        final StepMessage message;
        final String executionArn;
        final String key;
        final String frameKey;
        final boolean root;
        final int receiveCount;
        final Instant now;
        Loaded loaded;

        StepRun(StepMessage message, int receiveCount) {
            this.message = message;
            this.executionArn = message.execution();
            this.key = message.step();
            this.frameKey = key.startsWith("B#") ? StepKeys.frameOfBranchEnd(key) : StepKeys.frameKey(key);
            this.root = StepKeys.isRoot(frameKey);
            this.receiveCount = receiveCount;
            this.now = clock.instant();
        }

        void run() {
            List<String> others = new ArrayList<>(3);
            String successor = StepKeys.successor(key);
            others.add(successor);
            if (!root) {
                others.add(StepKeys.branchEnd(frameKey));
                others.add(StepKeys.join(frameKey));
            }
            loaded = store.load(executionArn, key, others, !executions.containsKey(executionArn));
            ExecutionHeader header = loaded.header();
            StoredItem item = loaded.step();
            if (header == null || item == null) {
                return; // nothing to do: a message for an execution or step that was never written
            }
            if (loaded.input() != null) {
                executions.put(executionArn, info(header, loaded.input()));
            } else {
                executions.computeIfPresent(executionArn, (arn, cached) -> cached.redriveCount() == header.redriveCount()
                        ? cached : info(header, cached.input())); // redriven since it was cached
            }
            if (item.kind().equals(KIND_END) && root && receiveCount > 1) {
                finishRoot(header, item.body()); // recovery: the execution's end was committed, its header not yet
                return;
            }
            boolean awaiting = item.kind().equals(KIND_AWAIT);
            if (!item.kind().equals(KIND_STEP) && !item.kind().equals(KIND_JOIN) && !awaiting) {
                return;
            }
            if (item.kind().equals(KIND_JOIN) && item.state() == null) {
                return; // a join whose branches are still running: its finisher sends it again
            }
            StoredItem committed = loaded.others().get(successor);
            if (committed == null && !root) {
                committed = loaded.others().get(StepKeys.branchEnd(frameKey));
            }
            if (committed != null) {
                if (receiveCount > 1) {
                    redo(committed);
                }
                return;
            }
            if (header.status().isTerminal()) {
                halt(header, item);
                return;
            }
            if (!root) {
                StoredItem parentJoin = loaded.others().get(StepKeys.join(frameKey));
                if (parentJoin != null && parentJoin.state() != null) {
                    return; // the fan-out already ended (a sibling failed it): this branch stops here
                }
            }
            JsonNode body = item.body();
            if (body.has("mapRun") && item.kind().equals(KIND_STEP)) {
                startMapChild(header, body);
                return;
            }
            if (body.has("runAt")) {
                Instant runAt = Instant.ofEpochMilli(body.get("runAt").asLong());
                if (now.isBefore(runAt.minusMillis(500))) {
                    queue.send(message, delay(now, runAt)); // one hop of a wait longer than SQS's 900 s
                    return;
                }
            }
            Step step = StepCodec.read(body.get("step"));
            if (item.kind().equals(KIND_JOIN)) {
                step = ((Step.Resume) step).with(joinResult(item));
                if (body.has("mapRun")) {
                    mapRuns.ended(body.get("mapRun").asText(), "failed".equals(item.state()));
                }
            } else if (awaiting) {
                Resumption result = awaited(item);
                if (result == null) {
                    return; // still waiting: the result, or the next deadline's check, sends this step again
                }
                step = ((Step.Resume) step).with(result);
            }
            listener.stepStarting(executionArn, step);
            decide(header, item, step);
        }

        /**
         * The awaited task's result, when it came; a timeout once its deadline passed (recorded on
         * AWS: both TimeoutSeconds and HeartbeatSeconds expiring fail with States.Timeout and no
         * cause); else null, with a check message sent for the next deadline.
         */
        private Resumption awaited(StoredItem item) {
            StoredItem result = store.item(executionArn, resultKey(key)).orElse(null);
            if (result == null) {
                JsonNode body = item.body();
                Long deadline = deadline(executionArn, key, body);
                if (deadline == null || now.toEpochMilli() < deadline) {
                    if (body.has("child")) {
                        tellParent(body.get("child").asText()); // the child ended but its notice was lost
                        result = store.item(executionArn, resultKey(key)).orElse(null);
                    }
                    if (result == null) {
                        if (deadline != null) {
                            queue.send(new StepMessage(executionArn, key), delay(now, Instant.ofEpochMilli(deadline)));
                        }
                        return null;
                    }
                } else {
                    store.putIfAbsent(executionArn, resultItem(key, new Resumption.TaskTimedOut(StatesError.TIMEOUT.aslName(),
                            null, startOf(executionArn, key, body))));
                    result = store.item(executionArn, resultKey(key)).orElseThrow();
                }
            }
            return StepCodec.readResumption(result.body());
        }

        /**
         * A Map Run's branch: starts its child execution, linked to this branch so that the
         * child's end becomes the branch's end. Starting it again (a redelivery, UpdateMapRun)
         * finds the child and only sends its first step again; a redrive of the parent redrives
         * a child that did not succeed.
         */
        private void startMapChild(ExecutionHeader header, JsonNode body) {
            String mapRunArn = body.get("mapRun").asText();
            int index = StepKeys.branchIndex(frameKey);
            String name = MapRun.childName(mapRunArn, index);
            String childArn = MapRun.childArn(mapRunArn, name);
            store.putAll(childArn, List.of(StoredItem.of(PARENT, PARENT, Json.object()
                    .put("exec", executionArn).put("start", key).put("index", index))));
            ExecutionHeader child = store.header(childArn).orElse(null);
            if (child != null && child.status().isTerminal() && child.status() != ExecutionStatus.SUCCEEDED
                    && ranBefore(child, header)) {
                try {
                    redriveExecution(childArn, executionArn + "#" + header.redriveCount());
                } catch (Redrive.NotRedrivable notRedrivable) {
                    tellParent(childArn);
                }
                return;
            }
            Step.StartBranch start = (Step.StartBranch) StepCodec.read(body.get("step"));
            startExecution(mapRunArn, name, start.input());
            if (child != null && child.status().isTerminal()) {
                tellParent(childArn); // it ended before: its notice may have been lost with an earlier delivery
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

        /** Recovery: a branch's end was committed; count it into its join (idempotent) and send the join if it is due. */
        void recountBranch() {
            StoredItem end = store.item(executionArn, key).orElse(null);
            if (end != null) {
                countBranch(end.body());
            }
        }

        private Resumption joinResult(StoredItem join) {
            if ("failed".equals(join.state())) {
                return new Resumption.BranchesFailed(join.error(), join.cause());
            }
            List<JsonNode> outputs = new ArrayList<>();
            for (StoredItem end : store.items(executionArn, StepKeys.branchEnds(join.key(), join.body().get("state").asText()))) {
                outputs.add(end.body().get("output"));
            }
            return new Resumption.BranchesSucceeded(outputs);
        }

        private void decide(ExecutionHeader header, StoredItem item, Step step) {
            StateMachine machine = machine(header.stateMachineArn());
            ExecutionInfo info = executions.get(executionArn);
            if (info == null) {
                info = info(header, store.load(executionArn, key, List.of(), true).input());
                executions.put(executionArn, info);
            }
            JsonNode body = item.body();
            boolean carried = body.has("fid");
            long previous = body.path("pe").asLong();
            long first = carried ? body.get("fid").asLong() : 1;
            TaskTokens.Secret secret = new TaskTokens.Secret();
            String awaitKey = StepKeys.successor(key);
            java.util.function.Supplier<String> token = () -> TaskTokens.token(executionArn, awaitKey, secret.get());
            StepResult result = engine.step(machine, info, step, now, first, random(), token);
            if (!carried) {
                first = store.allocateEvents(executionArn, result.events().size() + submittedEvents(result.outcome()));
                result = engine.step(machine, info, step, now, first, random(), token);
            }
            long last = first + result.events().size() - 1;
            if (last >= options.historyLimit() && !endsAtLimit(result, last)) {
                historyLimitReached(header, result, first, previous);
                return;
            }
            ArrayNode chunk = chunk(result.events(), first, previous, now);
            apply(header, result.outcome(), chunk, first, last, carried, secret);
        }

        /** AWS: "If the event number 25,000 is ExecutionSucceeded, the execution finishes successfully." */
        private boolean endsAtLimit(StepResult result, long last) {
            List<HistoryEvent> events = result.events();
            return last == options.historyLimit() && !events.isEmpty()
                    && events.get(events.size() - 1).type() == EventType.ExecutionSucceeded;
        }

        /**
         * AWS: "If the event number 25,000 isn't ExecutionSucceeded, the ExecutionFailed event is
         * logged and the state machine execution fails because of reaching the history limit."
         */
        private void historyLimitReached(ExecutionHeader header, StepResult result, long first, long previous) {
            int keep = (int) Math.max(0, options.historyLimit() - first);
            List<HistoryEvent> events = new ArrayList<>(result.events().subList(0, Math.min(keep, result.events().size())));
            String cause = Causes.historyLimit(options.historyLimit());
            events.add(new HistoryEvent(EventType.ExecutionFailed, new EventDetails.ExecutionFailed(StatesError.RUNTIME.aslName(), cause)));
            ArrayNode chunk = chunk(events, first, previous, now);
            ObjectNode end = Json.object().put("status", ExecutionStatus.FAILED.name())
                    .put("error", StatesError.RUNTIME.aslName()).put("cause", cause);
            String target = root ? StepKeys.successor(key) : StepKeys.END;
            if (commit(StoredItem.of(target, KIND_END, end).withEvents(first, chunk))) {
                store.finish(executionArn, header.stateMachineArn(), ExecutionStatus.FAILED, now, null,
                        StatesError.RUNTIME.aslName(), cause);
                tellParent(executionArn);
            }
        }

        private void apply(ExecutionHeader header, Outcome outcome, ArrayNode chunk, long first, long last, boolean carried,
                           TaskTokens.Secret secret) {
            String next = StepKeys.successor(key);
            if (outcome instanceof Outcome.Continue go) {
                ObjectNode body = successorBody(go.next(), last, carried);
                if (commit(StoredItem.of(next, KIND_STEP, body).withEvents(first, chunk))) {
                    queue.send(new StepMessage(executionArn, next), 0);
                }
            } else if (outcome instanceof Outcome.Sleep sleep) {
                ObjectNode body = successorBody(sleep.next(), last, carried);
                Instant until = options.scaled(now, sleep.until()); // --time-scale: events keep the real time
                body.put("runAt", until.toEpochMilli());
                if (commit(StoredItem.of(next, KIND_STEP, body).withEvents(first, chunk))) {
                    queue.send(new StepMessage(executionArn, next), delay(now, until));
                }
            } else if (outcome instanceof Outcome.RunTask task) {
                runTask(header, task, chunk, first, last, carried, secret);
            } else if (outcome instanceof Outcome.FanOut fanOut) {
                fanOut(fanOut, chunk, first, last);
            } else if (outcome instanceof Outcome.FrameSucceeded done) {
                ended(header, done.output(), null, null, chunk, first);
            } else if (outcome instanceof Outcome.FrameFailed failed) {
                ended(header, null, failed.error(), failed.cause(), chunk, first);
            }
        }

        private ObjectNode successorBody(Step next, long last, boolean carried) {
            ObjectNode body = stepBody(next, last);
            if (carried) {
                body.put("fid", last + 1);
            }
            return body;
        }

        /**
         * Runs the task. A request-response task's result is committed as the successor step. A
         * task that waits (a callback token, a child execution's end, an activity worker) commits
         * an awaiting step instead, with TaskStarted and TaskSubmitted: its result comes later
         * as a {@code C#} item (SendTaskSuccess/Failure, the child's end, a timeout check).
         */
        private void runTask(ExecutionHeader header, Outcome.RunTask task, ArrayNode chunk, long first, long last,
                             boolean carried, TaskTokens.Secret secret) {
            TaskRequest request = task.request();
            TaskResource resource = TaskResource.of(request.resource(), options.region());
            TaskResource.Pattern pattern = request.pattern();
            boolean mocked = tasks.answersFinally(request);
            boolean nested = !mocked && NestedExecutions.isStartExecution(resource, pattern);
            String next = StepKeys.successor(key);
            if (resource.kind() == TaskResource.Kind.ACTIVITY && !mocked) {
                if (!activities.exists(request.resource())) {
                    // Recorded on AWS: a missing activity fails the state with States.Runtime.
                    String cause = "An error occurred while executing the state '" + request.stateName() + "' (entered at the event id #"
                            + task.then().visit().enteredEventId() + "). The activity " + request.resource() + " does not exist.";
                    ObjectNode body = successorBody(task.then().with(new Resumption.TaskFailed(StatesError.RUNTIME.aslName(), cause,
                            Resumption.TaskStart.RECORDED)), last, carried);
                    if (commit(StoredItem.of(next, KIND_STEP, body).withEvents(first, chunk))) {
                        queue.send(new StepMessage(executionArn, next), 0);
                    }
                    return;
                }
                ObjectNode body = awaitBody(task, last, carried, secret);
                body.put("act", request.resource());
                body.set("in", request.parameters());
                if (commit(StoredItem.of(next, KIND_AWAIT, body).withEvents(first, chunk))) {
                    scheduleActivity(next, body);
                }
                return;
            }
            boolean waits = submits(request, mocked);
            boolean sync = waits && nested && pattern != TaskResource.Pattern.WAIT_FOR_TASK_TOKEN;
            Resumption result = claimed(header, request, () -> {
                if (waits && !sync) {
                    // The worker may answer before this step commits: the secret must be findable first.
                    store.putIfAbsent(executionArn, StoredItem.of(tokenKey(next), KIND_TOKEN, Json.object().put("tok", secret.get())));
                }
                return nested ? startChild(request, next, sync)
                        : tasks.execute(request, executionArn + "/" + key + "/" + request.attempt());
            });
            if (result == null) {
                return; // another delivery holds this attempt's claim and is running it
            }
            if (!waits || !(result instanceof Resumption.TaskSucceeded submitted)) {
                ObjectNode body = successorBody(task.then().with(result), last, carried);
                if (commit(StoredItem.of(next, KIND_STEP, body).withEvents(first, chunk))) {
                    queue.send(new StepMessage(executionArn, next), 0);
                }
                return;
            }
            String resourceName = resource.resource();
            chunk.add(HistoryJson.write(new HistoryEvent(EventType.TaskStarted,
                    new EventDetails.TaskStarted(resource.resourceType(), resourceName)), last + 1, last, now));
            chunk.add(HistoryJson.write(new HistoryEvent(EventType.TaskSubmitted,
                    new EventDetails.TaskSubmitted(resource.resourceType(), resourceName, submitted.output())), last + 2, last + 1, now));
            ObjectNode body = awaitBody(task, last + 2, carried, secret);
            String child = sync ? runtimeArn(submitted.output().get("ExecutionArn").asText()) : null;
            if (child != null) {
                body.put("child", child);
            }
            if (commit(StoredItem.of(next, KIND_AWAIT, body).withEvents(first, chunk))) {
                if (child != null) {
                    tellParent(child); // the child may have ended before this step committed
                }
                if (store.item(executionArn, resultKey(next)).isPresent()) {
                    queue.send(new StepMessage(executionArn, next), 0);
                } else {
                    scheduleCheck(next, body);
                }
            }
        }

        /**
         * {@code states:startExecution}: starts the child (the same one on a replay, by its
         * derived name); for {@code .sync}, links it to the step that will wait for its end.
         */
        private Resumption startChild(TaskRequest request, String awaitKey, boolean sync) {
            ChildStarter.Started started;
            try {
                started = children.start(request.parameters().path("StateMachineArn").asText(),
                        NestedExecutions.name(request.parameters(), executionArn, key),
                        NestedExecutions.input(request.parameters()));
            } catch (ChildStarter.Rejected rejected) {
                return NestedExecutions.rejected(rejected);
            }
            if (sync) {
                store.putAll(runtimeArn(started.executionArn()), List.of(StoredItem.of(PARENT, PARENT, Json.object()
                        .put("exec", executionArn).put("key", awaitKey)
                        .put("json", request.pattern() == TaskResource.Pattern.RUN_JOB_JSON))));
            }
            return new Resumption.TaskSucceeded(NestedExecutions.started(started));
        }

        private ObjectNode awaitBody(Outcome.RunTask task, long last, boolean carried, TaskTokens.Secret secret) {
            ObjectNode body = successorBody(task.then(), last, carried);
            body.put("tok", secret.get());
            // The task's clocks start when it is submitted: the integration call may have taken a while.
            long submitted = clock.millis();
            body.put("at", submitted);
            TaskRequest request = task.request();
            if (request.timeoutSeconds() < dev.stepwise.asl.model.TaskState.DEFAULT_TIMEOUT_SECONDS) {
                body.put("to", submitted + request.timeoutSeconds() * 1000);
            }
            if (request.heartbeatSeconds() != null) {
                body.put("hb", request.heartbeatSeconds());
            }
            return body;
        }

        private void scheduleActivity(String awaitKey, JsonNode body) {
            activities.schedule(body.get("act").asText(), executionArn, awaitKey,
                    TaskTokens.token(executionArn, awaitKey, body.get("tok").asText()), body.get("in"), now);
            scheduleCheck(awaitKey, body);
        }

        private void scheduleCheck(String awaitKey, JsonNode body) {
            Long deadline = deadline(executionArn, awaitKey, body);
            if (deadline != null) {
                queue.send(new StepMessage(executionArn, awaitKey), delay(clock.instant(), Instant.ofEpochMilli(deadline)));
            }
        }

        /**
         * STANDARD: the attempt is claimed before its side effect, so it happens at most once.
         * EXPRESS: at least once, with the attempt's idempotency key passed to the integration.
         */
        private Resumption claimed(ExecutionHeader header, TaskRequest request, java.util.function.Supplier<Resumption> call) {
            int attempt = request.attempt();
            if (!isExpress(header.stateMachineArn())) {
                String claim = StepKeys.claim(key, attempt);
                if (!store.putIfAbsent(executionArn, StoredItem.of(claim, "claim", Json.object().put("at", now.toString())))) {
                    if (receiveCount <= 1) {
                        return null;
                    }
                    return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(), Causes.lostClaim(request.stateName(), attempt));
                }
            }
            try {
                return call.get();
            } catch (RuntimeException e) {
                return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(), String.valueOf(e.getMessage()));
            }
        }

        private void fanOut(Outcome.FanOut fanOut, ArrayNode chunk, long first, long last) {
            long joinSeq = StepKeys.seq(key) + 1;
            String joinKey = StepKeys.step(frameKey, joinSeq);
            String stateName = fanOut.join().visit().stateName();
            MapRun mapRun = fanOut.mapRun();
            if (mapRun != null) {
                mapRuns.begin(executionArn, joinKey, mapRun, loaded.header().roleArn(), now);
            }
            List<StoredItem> starts = new ArrayList<>(fanOut.branches().size());
            for (int i = 0; i < fanOut.branches().size(); i++) {
                Step.StartBranch branch = fanOut.branches().get(i);
                String child = StepKeys.child(frameKey, stateName, joinSeq, i);
                ObjectNode start = stepBody(branch, last);
                if (mapRun != null) {
                    start.put("mapRun", mapRun.arn()); // this branch is a child execution of the run
                }
                starts.add(StoredItem.of(StepKeys.step(child, 0), KIND_STEP, start));
            }
            // Branch steps first, unconditionally: nothing reads them before the join commits.
            store.putAll(executionArn, starts);
            ObjectNode body = stepBody(fanOut.join(), last);
            body.put("state", stateName);
            body.put("total", fanOut.branches().size());
            body.put("maxc", fanOut.maxConcurrency());
            if (mapRun != null) {
                body.put("mapRun", mapRun.arn());
            }
            if (fanOut.tolerance().count() != null) {
                body.put("tolc", fanOut.tolerance().count());
            }
            if (fanOut.tolerance().percentage() != null) {
                body.put("tolp", fanOut.tolerance().percentage());
            }
            if (commit(StoredItem.of(joinKey, KIND_JOIN, body).withEvents(first, chunk))) {
                startBranches(joinKey, body, last);
            }
        }

        private void startBranches(String joinKey, JsonNode body, long last) {
            store.raiseEventCounter(executionArn, last);
            int total = body.get("total").asInt();
            int maxc = body.get("maxc").asInt();
            int initial = maxc == 0 ? total : Math.min(maxc, total);
            List<StepMessage> messages = new ArrayList<>(initial);
            for (int i = 0; i < initial; i++) {
                messages.add(branchStart(joinKey, body.get("state").asText(), i));
            }
            queue.sendAll(messages);
        }

        private StepMessage branchStart(String joinKey, String stateName, int index) {
            String child = StepKeys.child(StepKeys.frameKey(joinKey), stateName, StepKeys.seq(joinKey), index);
            return new StepMessage(executionArn, StepKeys.step(child, 0));
        }

        private void ended(ExecutionHeader header, JsonNode output, String error, String cause, ArrayNode chunk, long first) {
            ObjectNode body = Json.object();
            if (output != null) {
                body.set("output", output);
            } else {
                body.put("error", error).put("cause", cause);
            }
            if (root) {
                body.put("status", (output != null ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED).name());
                if (commit(StoredItem.of(StepKeys.successor(key), KIND_END, body).withEvents(first, chunk))) {
                    finishRoot(header, body);
                }
                return;
            }
            body.put("index", StepKeys.branchIndex(frameKey));
            body.put("failed", output == null);
            if (output == null) {
                // A tolerated failure shows in the Map's result as the error object (InMemoryRunner does the same).
                body.set("output", Json.object().put("Error", error).put("Cause", cause));
            }
            if (commit(StoredItem.of(StepKeys.branchEnd(frameKey), KIND_END, body).withEvents(first, chunk))) {
                countBranch(body);
            }
        }

        private void finishRoot(ExecutionHeader header, JsonNode body) {
            ExecutionStatus status = ExecutionStatus.valueOf(body.get("status").asText());
            store.finish(executionArn, header.stateMachineArn(), status, now, body.get("output"),
                    body.path("error").asText(null), body.path("cause").asText(null));
            tellParent(executionArn);
        }

        /** Counts this branch once; whoever sees the fan-out complete (or failed) sends its join. */
        private void countBranch(JsonNode end) {
            String joinKey = StepKeys.join(frameKey);
            int index = end.get("index").asInt();
            boolean failed = end.get("failed").asBoolean();
            JoinCount count = store.countBranch(executionArn, joinKey, index, failed);
            JsonNode join = count.body();
            int total = join.get("total").asInt();
            MapRuns.Settings settings = mapRuns.settings(join);
            FailureTolerance tolerance = settings.tolerance();
            if (count.state() != null) {
                if (count.fresh()) {
                    return;
                }
                queue.send(new StepMessage(executionArn, joinKey), 0); // a redo: the closer may have died before sending
                return;
            }
            if (tolerance.isExceeded(count.failed(), total)) {
                // An inline Map or Parallel without tolerance fails with the branch's error; a Map Run never does.
                boolean none = !join.has("tolc") && !join.has("tolp") && !join.has("mapRun");
                String error = none ? end.get("output").get("Error").asText() : StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD.aslName();
                String cause = none ? end.get("output").get("Cause").asText() : FailureTolerance.EXCEEDED_CAUSE;
                if (!failed && !count.fresh()) {
                    // replaying a success after another branch failed the join: the failer closes it
                    return;
                }
                if (store.closeJoin(executionArn, joinKey, "failed", error, cause) || !count.fresh()) {
                    queue.send(new StepMessage(executionArn, joinKey), 0);
                }
            } else if (count.done() == total) {
                if (store.closeJoin(executionArn, joinKey, "succeeded", null, null) || !count.fresh()) {
                    queue.send(new StepMessage(executionArn, joinKey), 0);
                }
            } else {
                int maxc = settings.maxConcurrency();
                if (maxc > 0) {
                    String stateName = join.get("state").asText();
                    if (count.fresh()) {
                        int next = maxc + count.done() - 1;
                        if (next < total) {
                            queue.send(branchStart(joinKey, stateName, next), 0);
                        }
                    } else {
                        // A redo does not know which start its count owed: send them all again;
                        // branches that ran already ignore the message.
                        List<StepMessage> again = new ArrayList<>();
                        for (int i = maxc; i < Math.min(total, maxc + count.done()); i++) {
                            again.add(branchStart(joinKey, stateName, i));
                        }
                        queue.sendAll(again);
                    }
                }
            }
        }

        /** The step committed earlier but its delivery did not finish: redo the effects that follow a commit. */
        private void redo(StoredItem committed) {
            ExecutionHeader header = loaded.header();
            switch (committed.kind()) {
                case KIND_STEP -> {
                    JsonNode body = committed.body();
                    int delay = body.has("runAt") ? delay(now, Instant.ofEpochMilli(body.get("runAt").asLong())) : 0;
                    queue.send(new StepMessage(executionArn, committed.key()), delay);
                }
                case KIND_AWAIT -> {
                    // What follows an awaiting step's commit: its activity task, its deadline check, its result if it came.
                    if (isActivityAwait(committed.body()) && !store.item(executionArn, Activities.takenKey(committed.key())).isPresent()) {
                        scheduleActivity(committed.key(), committed.body());
                    }
                    queue.send(new StepMessage(executionArn, committed.key()), 0);
                }
                case KIND_JOIN -> {
                    long last = committed.events() == null ? 0 : committed.firstEventId() + committed.events().size() - 1;
                    startBranches(committed.key(), committed.body(), last);
                }
                case KIND_END -> {
                    if (root) {
                        finishRoot(header, committed.body());
                    } else {
                        countBranch(committed.body());
                    }
                }
                default -> {
                    // halt: nothing follows
                }
            }
        }

        /** The execution was stopped or timed out: write its last event once, and do nothing else. */
        private void halt(ExecutionHeader header, StoredItem item) {
            HistoryEvent event;
            if (header.status() == ExecutionStatus.ABORTED) {
                event = new HistoryEvent(EventType.ExecutionAborted, EventDetails.None.INSTANCE);
            } else if (header.status() == ExecutionStatus.TIMED_OUT) {
                event = new HistoryEvent(EventType.ExecutionTimedOut, new EventDetails.ExecutionTimedOut(
                        StatesError.TIMEOUT.aslName(), Causes.TIMED_OUT));
            } else {
                return; // succeeded or failed: the step that ended it wrote its last event
            }
            writeEndEvent(executionArn, item, event, now, header);
        }

        private boolean commit(StoredItem item) {
            boolean created = store.putIfAbsent(executionArn, item);
            if (created && item.hasEvents()) {
                listener.committed(executionArn, item.events());
            }
            return created;
        }

        private SplittableRandom random() {
            UUID seed = UUID.nameUUIDFromBytes((executionArn + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return new SplittableRandom(seed.getMostSignificantBits() ^ seed.getLeastSignificantBits());
        }
    }

    /**
     * Writes an execution's last event (aborted, timed out, failed by the runtime) once: with the
     * step's carried id in a linear execution, else with an id from the counter.
     */
    private void writeEndEvent(String executionArn, StoredItem step, HistoryEvent event, Instant now, ExecutionHeader header) {
        if (store.item(executionArn, StepKeys.END).isPresent()) {
            return;
        }
        long first;
        long previous;
        if (step != null && step.body().has("fid")) {
            first = step.body().get("fid").asLong();
            previous = step.body().path("pe").asLong();
        } else {
            first = store.allocateEvents(executionArn, 1);
            previous = first - 1;
        }
        ArrayNode chunk = chunk(List.of(event), first, previous, now);
        if (event.type() == EventType.ExecutionAborted && header != null && (header.error() != null || header.cause() != null)) {
            // StopExecution's error and cause, as AWS shows them in executionAbortedEventDetails
            ObjectNode details = ((ObjectNode) chunk.get(0)).putObject("executionAbortedEventDetails");
            if (header.error() != null) {
                details.put("error", header.error());
            }
            if (header.cause() != null) {
                details.put("cause", header.cause());
            }
        }
        if (store.putIfAbsent(executionArn, StoredItem.of(StepKeys.END, KIND_HALT, Json.object()).withEvents(first, chunk))) {
            listener.committed(executionArn, chunk);
        }
    }

    // ---- awaited tasks: callbacks, child executions, activities ---------------------------------

    /** Events the runtime adds to a step that submits a waiting task: TaskStarted and TaskSubmitted. */
    private int submittedEvents(Outcome outcome) {
        return outcome instanceof Outcome.RunTask task && submits(task.request(), tasks.answersFinally(task.request())) ? 2 : 0;
    }

    /**
     * Whether the task, once called, waits for a callback token or a child execution's end; its
     * step then records TaskStarted and TaskSubmitted. Activities wait too, but start when a
     * worker takes them; a mocked response waits for nothing.
     */
    private boolean submits(TaskRequest request, boolean mocked) {
        TaskResource resource = TaskResource.of(request.resource(), options.region());
        TaskResource.Pattern pattern = request.pattern();
        boolean waitingPattern = pattern == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN
                || (NestedExecutions.isStartExecution(resource, pattern) && pattern != TaskResource.Pattern.REQUEST_RESPONSE);
        return waitingPattern && resource.kind() != TaskResource.Kind.ACTIVITY && !mocked;
    }

    static String resultKey(String awaitKey) {
        return "C#" + awaitKey;
    }

    static String beatKey(String awaitKey) {
        return "H#" + awaitKey;
    }

    private static StoredItem resultItem(String awaitKey, Resumption result) {
        return StoredItem.of(resultKey(awaitKey), KIND_RESULT, StepCodec.writeResumption(result));
    }

    /** The earlier of the task's TimeoutSeconds and its HeartbeatSeconds after the last heartbeat; null when neither is set. */
    private Long deadline(String executionArn, String awaitKey, JsonNode body) {
        Long deadline = body.has("to") ? body.get("to").asLong() : null;
        if (body.has("hb")) {
            long beat = body.get("at").asLong();
            StoredItem last = store.item(executionArn, beatKey(awaitKey)).orElse(null);
            if (last != null) {
                beat = Math.max(beat, last.body().get("at").asLong());
            }
            long heartbeat = beat + body.get("hb").asLong() * 1000;
            deadline = deadline == null ? heartbeat : Math.min(deadline, heartbeat);
        }
        return deadline;
    }

    /** Callbacks recorded TaskStarted when submitted; an activity starts when a worker takes it. */
    private Resumption.TaskStart startOf(String executionArn, String awaitKey, JsonNode body) {
        if (!isActivityAwait(body)) {
            return Resumption.TaskStart.RECORDED;
        }
        return activities.start(executionArn, awaitKey);
    }

    private static boolean isActivityAwait(JsonNode body) {
        return body.has("act");
    }

    /**
     * A child execution ended (or may have): if a parent's {@code .sync} task waits for it, write
     * the task's result into the parent (first writer wins) and send the parent's step. Safe to
     * call any number of times.
     */
    void tellParent(String childArn) {
        StoredItem link = store.item(childArn, PARENT).orElse(null);
        if (link == null) {
            return;
        }
        ExecutionHeader child = store.header(childArn).orElse(null);
        if (child == null || !child.status().isTerminal()) {
            return;
        }
        String parentArn = link.body().get("exec").asText();
        if (link.body().has("start")) {
            mapChildEnded(child, parentArn, link.body());
            return;
        }
        String awaitKey = link.body().get("key").asText();
        JsonNode input = store.load(childArn, StepKeys.step("", 0), List.of(), true).input();
        Resumption result = NestedExecutions.ended(child, input, link.body().path("json").asBoolean());
        if (store.putIfAbsent(parentArn, resultItem(awaitKey, result)) || store.item(parentArn, awaitKey).isPresent()) {
            queue.send(new StepMessage(parentArn, awaitKey), 0);
        }
    }

    /**
     * A Map Run's child ended: its end is the end of its branch in the parent (first writer wins),
     * counted as any branch's end. A child that did not succeed is a failed item, with its error
     * and cause as the item's result.
     */
    private void mapChildEnded(ExecutionHeader child, String parentArn, JsonNode link) {
        String endKey = StepKeys.branchEnd(StepKeys.frameKey(link.get("start").asText()));
        ObjectNode end = Json.object().put("index", link.get("index").asInt());
        boolean failed = child.status() != ExecutionStatus.SUCCEEDED;
        end.put("failed", failed).put("status", child.status().name()); // DescribeMapRun counts children by status
        end.set("output", failed ? Json.object().put("Error", child.error()).put("Cause", child.cause()) : child.output());
        store.putIfAbsent(parentArn, StoredItem.of(endKey, KIND_END, end));
        queue.send(new StepMessage(parentArn, endKey), 0);
    }

    /** SendTaskSuccess: the task's result is {@code output}. */
    public void sendTaskSuccess(String token, JsonNode output) {
        complete(token, start -> new Resumption.TaskSucceeded(output, start));
    }

    /** SendTaskFailure: the task failed with {@code error} and {@code cause} (either may be null). */
    public void sendTaskFailure(String token, String error, String cause) {
        complete(token, start -> new Resumption.TaskFailed(error, cause, start));
    }

    /** SendTaskHeartbeat: the task's HeartbeatSeconds start again from now. */
    public void sendTaskHeartbeat(String token) {
        TaskTokens.Ref ref = awaiting(token).ref();
        store.putAll(ref.executionArn(), List.of(StoredItem.of(beatKey(ref.stepKey()), KIND_BEAT,
                Json.object().put("at", clock.millis()))));
    }

    private void complete(String token, java.util.function.Function<Resumption.TaskStart, Resumption> result) {
        Awaiting task = awaiting(token);
        TaskTokens.Ref ref = task.ref();
        Resumption.TaskStart start = task.item() == null ? Resumption.TaskStart.RECORDED
                : startOf(ref.executionArn(), ref.stepKey(), task.item().body());
        if (!store.putIfAbsent(ref.executionArn(), resultItem(ref.stepKey(), result.apply(start)))) {
            throw TaskCompletionRejected.timedOut();
        }
        // Sent now; if the awaiting step is not committed yet, its commit finds the result and sends it.
        queue.send(new StepMessage(ref.executionArn(), ref.stepKey()), 0);
    }

    /** A token's task: where it waits and, once its step has committed, its awaiting item (else null). */
    private record Awaiting(TaskTokens.Ref ref, StoredItem item) {
    }

    /**
     * The token's task, still waiting. A token whose secret does not match is not a token
     * (InvalidToken); one whose task has its result, timed out or whose execution ended is
     * TaskTimedOut, as AWS answers for "a task that no longer exists". A callback's worker may
     * answer before the step that sent the token has committed: the token item written before
     * the call holds the secret until then.
     */
    private Awaiting awaiting(String token) {
        TaskTokens.Ref ref = TaskTokens.parse(token).orElseThrow(TaskCompletionRejected::invalidToken);
        StoredItem item = store.item(ref.executionArn(), ref.stepKey()).orElse(null);
        String secret = item != null && item.kind().equals(KIND_AWAIT) ? item.body().path("tok").asText(null)
                : store.item(ref.executionArn(), tokenKey(ref.stepKey())).map(t -> t.body().path("tok").asText(null)).orElse(null);
        if (!TaskTokens.sameSecret(ref.secret(), secret)) {
            throw TaskCompletionRejected.invalidToken();
        }
        ExecutionHeader header = store.header(ref.executionArn()).orElse(null);
        if (header == null || header.status().isTerminal() || (item != null && !item.kind().equals(KIND_AWAIT))
                || store.item(ref.executionArn(), resultKey(ref.stepKey())).isPresent()
                || store.item(ref.executionArn(), StepKeys.successor(ref.stepKey())).isPresent()) {
            // Completed, failed before it waited, timed out, or left behind by a redrive.
            throw TaskCompletionRejected.timedOut();
        }
        if (item == null) {
            return new Awaiting(ref, null);
        }
        Long deadline = deadline(ref.executionArn(), ref.stepKey(), item.body());
        if (deadline != null && clock.millis() >= deadline) {
            // Its check has not run yet: time it out now, so the check and this answer agree.
            store.putIfAbsent(ref.executionArn(), resultItem(ref.stepKey(), new Resumption.TaskTimedOut(
                    StatesError.TIMEOUT.aslName(), null, startOf(ref.executionArn(), ref.stepKey(), item.body()))));
            queue.send(new StepMessage(ref.executionArn(), ref.stepKey()), 0);
            throw TaskCompletionRejected.timedOut();
        }
        return new Awaiting(ref, item);
    }

    static String tokenKey(String awaitKey) {
        return "K#" + awaitKey;
    }

    /** The runtime's name for an execution the API calls {@code ...:express:...}. */
    static String runtimeArn(String executionArn) {
        return executionArn.replaceFirst(":express:", ":execution:");
    }

    private boolean isExpress(String stateMachineArn) {
        String type = types.get(stateMachineArn);
        if (type == null) {
            type = store.stateMachine(stateMachineArn).map(StateMachineRecord::type).orElse("STANDARD");
            types.put(stateMachineArn, type);
        }
        return "EXPRESS".equals(type);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static ObjectNode stepBody(Step step, long previousEventId) {
        ObjectNode body = Json.object();
        body.set("step", StepCodec.write(step));
        body.put("pe", previousEventId);
        return body;
    }

    private static ArrayNode chunk(List<HistoryEvent> events, long first, long previous, Instant at) {
        ArrayNode chunk = Json.NODES.arrayNode();
        long prev = previous;
        for (int i = 0; i < events.size(); i++) {
            chunk.add(HistoryJson.write(events.get(i), first + i, prev, at));
            prev = first + i;
        }
        return chunk;
    }

    /** Seconds until {@code until}, rounded up, within SQS's 0..900. */
    static int delay(Instant now, Instant until) {
        long millis = Duration.between(now, until).toMillis();
        if (millis <= 0) {
            return 0;
        }
        return (int) Math.min(StepQueue.MAX_DELAY_SECONDS, (millis + 999) / 1000);
    }

    private StateMachine machine(String arn) {
        StateMachine machine = machines.get(arn);
        if (machine == null) {
            StateMachineRecord record = store.stateMachine(arn).orElseThrow(() ->
                    new IllegalStateException("State Machine Does Not Exist: '" + arn + "'"));
            machine = new StateMachineParser().parse(record.definition());
            machines.put(arn, machine);
        }
        return machine;
    }

    private static ExecutionInfo info(ExecutionHeader header, JsonNode input) {
        // A Map Run's child runs the run's definition; its context shows the labelled state machine ARN.
        String machineArn = MapRun.isMapRunArn(header.stateMachineArn())
                ? MapRun.stateMachineArnOf(header.stateMachineArn()) : header.stateMachineArn();
        return new ExecutionInfo(header.executionArn(), header.name(), input, header.roleArn(), header.startDate(),
                header.redriveCount(), header.redriveDate(), machineArn, header.stateMachineName());
    }
}
