package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.engine.ExecutionEnd;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.RootEnd;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import java.time.Instant;
import java.util.List;

/**
 * How executions end besides their own last state: StopExecution, TimeoutSeconds, a message that
 * failed every delivery. The header's conditional move out of RUNNING decides; the execution's
 * last event (ExecutionAborted, ExecutionTimedOut, ExecutionFailed) is written once, by the next
 * step that finds the execution ended or by the failure itself; the parent waiting for it and the
 * Map Runs it started hear of it.
 */
final class ExecutionEnds {
    private final RuntimeEnv env;
    private final ParentNotices parents;
    private final MapRuns mapRuns;

    ExecutionEnds(RuntimeEnv env, ParentNotices parents, MapRuns mapRuns) {
        this.env = env;
        this.parents = parents;
        this.mapRuns = mapRuns;
    }

    /** A check found the execution ended: its parent is told unless it knows (see {@link ParentNotices#tellParentIfUntold}). */
    void tellParentIfUntold(String executionArn) {
        parents.tellParentIfUntold(executionArn);
    }

    /** StopExecution: ABORTED at once; in-flight steps see it, write ExecutionAborted once and stop. */
    boolean stop(String executionArn, String error, String cause) {
        ExecutionHeader header = env.store().headers().header(executionArn).orElseThrow(() ->
                new IllegalArgumentException("Execution Does Not Exist: '" + executionArn + "'"));
        boolean stopped = env.store().headers().finish(executionArn, header.listedUnder(), ExecutionStatus.ABORTED,
                env.clock().instant(), null, error, cause);
        parents.tellParent(executionArn);
        mapRuns.parentEnded(executionArn);
        if (stopped) {
            nudge(executionArn);
        }
        return stopped;
    }

    /**
     * Delivers now each step that waits in the queue for a later time (a Wait, a retry's back-off)
     * or for a task's result: it finds the execution ended, halts and writes the last event, which
     * would otherwise wait as long as the step does. Steps due within a second are left alone:
     * their own delivery does the same.
     */
    private void nudge(String executionArn) {
        List<StoredItem> steps = env.steps().items(executionArn, dev.stepwise.store.TableLayout.STEP);
        java.util.Set<String> keys = new java.util.HashSet<>();
        steps.forEach(step -> keys.add(step.key()));
        long soon = env.clock().millis() + 1000;
        for (StoredItem step : steps) {
            if (keys.contains(StepKeys.successor(step.key())) || !step.kind().isRunnable()) {
                continue;
            }
            StepBody body = ItemBodies.step(step.body());
            if (step.kind() == ItemKind.AWAIT || (body.runAt() != null && body.runAt() > soon)) {
                env.send(executionArn, step.key());
            }
        }
    }

    /** TimeoutSeconds passed: TIMED_OUT; in-flight steps write ExecutionTimedOut once and stop. */
    void timeOut(ExecutionHeader header) {
        ExecutionEnd end = ExecutionEnd.timedOut();
        if (env.store().headers().finish(header.executionArn(), header.listedUnder(), end.status(),
                env.clock().instant(), null, end.error(), end.cause())) {
            nudge(header.executionArn());
        }
        parents.tellParent(header.executionArn());
        mapRuns.parentEnded(header.executionArn());
    }

    /**
     * The last delivery of a message failed too: the message goes to the dead-letter queue (SQS
     * moves it), and its execution fails with a cause that says so, so it never hangs RUNNING.
     */
    void failPoisoned(StepMessage message, int receiveCount, RuntimeException e) {
        try {
            ExecutionHeader header = env.store().headers().header(message.execution()).orElse(null);
            if (header == null || header.status().isTerminal()) {
                return;
            }
            ExecutionEnd end = ExecutionEnd.failedByRuntime(RuntimeCauses.poisoned(message.step(), receiveCount, e));
            Instant now = env.clock().instant();
            if (env.store().headers().finish(message.execution(), header.listedUnder(), end.status(), now, null, end.error(),
                    end.cause())) {
                // The step's own item, when it can be read, carries the next event id of a linear execution.
                StoredItem step = StepKeys.isStep(message.step())
                        ? env.steps().item(message.execution(), message.step()).orElse(null) : null;
                writeEndEvent(message.execution(), step, end.event(), now);
            }
            parents.tellParent(message.execution());
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
    }

    /** The execution's last step committed its end: the header follows it. */
    void finish(ExecutionHeader header, RootEnd end) {
        env.store().headers().finish(header.executionArn(), header.listedUnder(), end.status(), env.clock().instant(),
                end.output(), end.error(), end.cause());
        parents.tellParent(header.executionArn());
    }

    /** The execution was stopped or timed out: write its last event once, and do nothing else. */
    void halt(ExecutionHeader header, StoredItem item) {
        HistoryEvent event;
        if (header.status() == ExecutionStatus.ABORTED) {
            event = ExecutionEnd.aborted(header.error(), header.cause()).event();
        } else if (header.status() == ExecutionStatus.TIMED_OUT) {
            event = ExecutionEnd.timedOut().event();
        } else {
            return; // succeeded or failed: the step that ended it wrote its last event
        }
        writeEndEvent(header.executionArn(), item, event, env.clock().instant());
    }

    /**
     * Writes an execution's last event (aborted, timed out, failed by the runtime) once: with the
     * step's carried id in a linear execution, else with an id from the counter.
     */
    private void writeEndEvent(String executionArn, StoredItem step, HistoryEvent event, Instant now) {
        if (env.steps().item(executionArn, StepKeys.END).isPresent()) {
            return;
        }
        StepBody body = step != null && step.kind().isRunnable() ? ItemBodies.step(step.body()) : null;
        long first;
        long previous;
        if (body != null && body.firstEventId() != null) {
            first = body.firstEventId();
            previous = body.previousEventId();
        } else {
            // Above every id stored: in a fan-out the counter is past them, in a linear run they were carried.
            long last = Math.max(body == null ? 0 : body.previousEventId(), env.steps().lastEventId(executionArn));
            env.steps().raiseEventCounter(executionArn, last);
            first = env.steps().allocateEvents(executionArn, 1);
            previous = first - 1;
        }
        ArrayNode chunk = HistoryChunks.of(List.of(event), first, previous, now);
        env.commit(executionArn, StoredItem.of(StepKeys.END, ItemKind.HALT, dev.stepwise.asl.Json.object()).withEvents(first, chunk));
    }
}
