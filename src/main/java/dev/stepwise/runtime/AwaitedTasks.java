package dev.stepwise.runtime;

import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.Resumption;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Tasks that wait after their call: for a callback token (SendTaskSuccess/Failure), a child
 * execution's end ({@code .sync}), an activity worker. The step that submitted the task commits
 * an awaiting step and the worker moves on; the task's result comes later as one item,
 * {@code C#<awaiting step>}, that the first of these writes: the callback, the child's end, the
 * deadline check of TimeoutSeconds or HeartbeatSeconds. The awaiting step then runs again with
 * that result, so Retry and Catch see it as any task's.
 */
final class AwaitedTasks {
    private final RuntimeEnv env;
    private final Activities activities;
    private final ParentNotices parents;

    AwaitedTasks(RuntimeEnv env, Activities activities, ParentNotices parents) {
        this.env = env;
        this.activities = activities;
        this.parents = parents;
    }

    /**
     * The awaited task's result, when it came; a timeout once its deadline passed (recorded on
     * AWS: both TimeoutSeconds and HeartbeatSeconds expiring fail with States.Timeout and no
     * cause); else null, with a check message sent for the next deadline.
     */
    Resumption result(StepDelivery delivery, StepBody body) {
        String executionArn = delivery.executionArn;
        String key = delivery.key;
        StepBody.Awaited task = body.awaited();
        StoredItem result = env.steps().item(executionArn, StepKeys.result(key)).orElse(null);
        if (result == null) {
            Long deadline = deadline(executionArn, key, task);
            if (deadline == null || delivery.now.toEpochMilli() < deadline) {
                if (task.child() != null) {
                    parents.tellParent(task.child()); // the child ended but its notice was lost
                    result = env.steps().item(executionArn, StepKeys.result(key)).orElse(null);
                }
                if (result == null) {
                    if (deadline != null) {
                        env.sendAt(executionArn, key, Instant.ofEpochMilli(deadline));
                    }
                    return null;
                }
            } else {
                env.steps().putIfAbsent(executionArn, resultItem(key, new Resumption.TaskTimedOut(StatesError.TIMEOUT.aslName(),
                        null, startOf(executionArn, key, task))));
                result = env.steps().item(executionArn, StepKeys.result(key)).orElseThrow();
            }
        }
        return ItemBodies.result(result.body());
    }

    /** Commits the awaiting step; once committed, what follows it: its activity task, its deadline check, a result that came early. */
    void commit(StepProcessor.Commit commit, StepBody body) {
        String executionArn = commit.delivery().executionArn;
        String awaitKey = commit.delivery().successor();
        if (env.commit(executionArn, commit.item(awaitKey, ItemKind.AWAIT, body))) {
            if (body.awaited().child() != null) {
                parents.tellParent(body.awaited().child()); // the child may have ended before this step committed
            }
            if (body.awaited().isActivity()) {
                scheduleActivity(executionArn, awaitKey, body.awaited());
            } else if (env.steps().item(executionArn, StepKeys.result(awaitKey)).isPresent()) {
                env.send(executionArn, awaitKey);
            } else {
                scheduleCheck(executionArn, awaitKey, body.awaited());
            }
        }
    }

    /** An awaiting step committed but its delivery did not finish: its activity task (unless taken) and its step again. */
    void redo(String executionArn, StoredItem awaiting) {
        StepBody.Awaited task = ItemBodies.step(awaiting.body()).awaited();
        if (task.isActivity() && env.steps().item(executionArn, StepKeys.taken(awaiting.key())).isEmpty()) {
            scheduleActivity(executionArn, awaiting.key(), task);
        }
        env.send(executionArn, awaiting.key());
    }

    private void scheduleActivity(String executionArn, String awaitKey, StepBody.Awaited task) {
        activities.schedule(task.activity(), executionArn, awaitKey, TaskTokens.token(executionArn, awaitKey, task.secret()),
                task.activityInput(), env.clock().instant());
        scheduleCheck(executionArn, awaitKey, task);
    }

    private void scheduleCheck(String executionArn, String awaitKey, StepBody.Awaited task) {
        Long deadline = deadline(executionArn, awaitKey, task);
        if (deadline != null) {
            env.sendAt(executionArn, awaitKey, Instant.ofEpochMilli(deadline));
        }
    }

    /** The earlier of the task's TimeoutSeconds and its HeartbeatSeconds after the last heartbeat; null when neither is set. */
    private Long deadline(String executionArn, String awaitKey, StepBody.Awaited task) {
        Long deadline = task.timeoutAt();
        if (task.heartbeatSeconds() != null) {
            long beat = task.submittedAt();
            StoredItem last = env.steps().item(executionArn, StepKeys.beat(awaitKey)).orElse(null);
            if (last != null) {
                beat = Math.max(beat, ItemBodies.at(last.body()));
            }
            long heartbeat = beat + task.heartbeatSeconds() * 1000;
            deadline = deadline == null ? heartbeat : Math.min(deadline, heartbeat);
        }
        return deadline;
    }

    /** Callbacks recorded TaskStarted when submitted; an activity starts when a worker takes it. */
    private Resumption.TaskStart startOf(String executionArn, String awaitKey, StepBody.Awaited task) {
        return task.isActivity() ? activities.start(executionArn, awaitKey) : Resumption.TaskStart.RECORDED;
    }

    private static StoredItem resultItem(String awaitKey, Resumption result) {
        return StoredItem.of(StepKeys.result(awaitKey), ItemKind.RESULT, ItemBodies.write(result));
    }

    // ---- the API's side: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat ---------------------

    void succeed(String token, com.fasterxml.jackson.databind.JsonNode output) {
        complete(token, start -> new Resumption.TaskSucceeded(output, start));
    }

    void fail(String token, String error, String cause) {
        complete(token, start -> new Resumption.TaskFailed(error, cause, start));
    }

    /** SendTaskHeartbeat: the task's HeartbeatSeconds start again from now. */
    void heartbeat(String token) {
        TaskTokens.Ref ref = awaiting(token).ref();
        env.steps().putAll(ref.executionArn(), List.of(StoredItem.of(StepKeys.beat(ref.stepKey()), ItemKind.BEAT,
                ItemBodies.at(env.clock().millis()))));
    }

    private void complete(String token, Function<Resumption.TaskStart, Resumption> result) {
        Awaiting task = awaiting(token);
        TaskTokens.Ref ref = task.ref();
        Resumption.TaskStart start = task.body() == null ? Resumption.TaskStart.RECORDED
                : startOf(ref.executionArn(), ref.stepKey(), task.body().awaited());
        if (!env.steps().putIfAbsent(ref.executionArn(), resultItem(ref.stepKey(), result.apply(start)))) {
            throw TaskCompletionRejected.timedOut();
        }
        // Sent now; if the awaiting step is not committed yet, its commit finds the result and sends it.
        env.send(ref.executionArn(), ref.stepKey());
    }

    /** A token's task: where it waits and, once its step has committed, its awaiting body (else null). */
    private record Awaiting(TaskTokens.Ref ref, StepBody body) {
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
        String executionArn = ref.executionArn();
        StoredItem item = env.steps().item(executionArn, ref.stepKey()).orElse(null);
        StepBody body = item != null && item.kind() == ItemKind.AWAIT ? ItemBodies.step(item.body()) : null;
        String secret = body != null ? body.awaited().secret()
                : env.steps().item(executionArn, StepKeys.token(ref.stepKey())).map(t -> ItemBodies.secret(t.body())).orElse(null);
        if (!TaskTokens.sameSecret(ref.secret(), secret)) {
            throw TaskCompletionRejected.invalidToken();
        }
        boolean ended = env.store().headers().header(executionArn).map(h -> h.status().isTerminal()).orElse(true);
        if (ended || (item != null && item.kind() != ItemKind.AWAIT)
                || env.steps().item(executionArn, StepKeys.result(ref.stepKey())).isPresent()
                || env.steps().item(executionArn, StepKeys.successor(ref.stepKey())).isPresent()) {
            // Completed, failed before it waited, timed out, or left behind by a redrive.
            throw TaskCompletionRejected.timedOut();
        }
        if (body == null) {
            return new Awaiting(ref, null);
        }
        Long deadline = deadline(executionArn, ref.stepKey(), body.awaited());
        if (deadline != null && env.clock().millis() >= deadline) {
            // Its check has not run yet: time it out now, so the check and this answer agree.
            env.steps().putIfAbsent(executionArn, resultItem(ref.stepKey(), new Resumption.TaskTimedOut(
                    StatesError.TIMEOUT.aslName(), null, startOf(executionArn, ref.stepKey(), body.awaited()))));
            env.send(executionArn, ref.stepKey());
            throw TaskCompletionRejected.timedOut();
        }
        return new Awaiting(ref, body);
    }
}
