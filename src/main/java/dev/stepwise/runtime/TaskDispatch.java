package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.model.TaskState;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.Outcome;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.Step;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.engine.TaskResource;
import dev.stepwise.engine.TaskWait;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.ParentLink;
import dev.stepwise.store.StepBody;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import dev.stepwise.tasks.TaskExecutor;
import java.util.function.Supplier;

/**
 * A Task state's work: the integration call (through the {@link TaskExecutor}, or a child
 * execution started through the {@link ChildStarter}), under the attempt's claim. A request-
 * response task's result continues the state at once; a task that waits commits an awaiting step
 * ({@link AwaitedTasks}).
 */
final class TaskDispatch {
    private final RuntimeEnv env;
    private final Machines machines;
    private final TaskExecutor executor;
    private final Supplier<ChildStarter> children;
    private final Activities activities;
    private final AwaitedTasks awaited;
    private final ParentNotices parents;

    TaskDispatch(RuntimeEnv env, Machines machines, TaskExecutor executor, Supplier<ChildStarter> children,
                 Activities activities, AwaitedTasks awaited, ParentNotices parents) {
        this.env = env;
        this.machines = machines;
        this.executor = executor;
        this.children = children;
        this.activities = activities;
        this.awaited = awaited;
        this.parents = parents;
    }

    /**
     * Runs the task. Returns the step to continue with (the task's result in place), or null when
     * the step now waits (an awaiting step was committed) or another delivery holds the attempt.
     * What the task waits for after its call the engine decided ({@link TaskWait}).
     */
    Step run(StepProcessor.Commit commit, ExecutionHeader header, Outcome.RunTask task, TaskTokens.Secret secret) {
        StepDelivery delivery = commit.delivery();
        TaskRequest request = task.request();
        TaskWait waits = task.waitsFor();
        if (waits == TaskWait.ACTIVITY) {
            if (!activities.exists(request.resource())) {
                return task.then().with(Engine.activityDoesNotExist(task));
            }
            awaited.commit(commit, commit.successor(task.then())
                    .awaiting(awaitedBy(request, secret).withActivity(request.resource(), request.parameters())));
            return null;
        }
        TaskResource resource = TaskResource.of(request.resource(), env.options().region());
        boolean nested = !executor.answersFinally(request) && TaskWait.isStartExecution(resource, request.pattern());
        String awaitKey = delivery.successor();
        Resumption result = claimed(delivery, header, request, () -> {
            if (waits == TaskWait.TOKEN) {
                // The worker may answer before this step commits: the secret must be findable first.
                env.steps().putIfAbsent(delivery.executionArn, StoredItem.of(StepKeys.token(awaitKey), ItemKind.TOKEN,
                        ItemBodies.secret(secret.get())));
            }
            return nested ? startChild(delivery, request, awaitKey, waits)
                    : executor.execute(request, delivery.executionArn + "/" + delivery.key + "/" + request.attempt());
        });
        if (result == null) {
            return null; // another delivery holds this attempt's claim and is running it
        }
        if (!waits.submits() || !(result instanceof Resumption.TaskSucceeded submitted)) {
            return task.then().with(result);
        }
        long last = commit.last();
        commit.chunk().addAll(HistoryChunks.of(Engine.taskSubmitted(task, submitted.output()), last + 1, last, delivery.now));
        StepBody.Awaited waiting = awaitedBy(request, secret);
        if (waits.isChild()) {
            waiting = waiting.withChild(DurableRuntime.runtimeArn(submitted.output().get("ExecutionArn").asText()));
        }
        awaited.commit(commit, commit.successor(task.then(), last + waits.submittedEvents()).awaiting(waiting));
        return null;
    }

    private StepBody.Awaited awaitedBy(TaskRequest request, TaskTokens.Secret secret) {
        // The task's clocks start when it is submitted: the integration call may have taken a while.
        long submitted = env.clock().millis();
        Long timeoutAt = request.timeoutSeconds() < TaskState.DEFAULT_TIMEOUT_SECONDS ? submitted + request.timeoutSeconds() * 1000 : null;
        Long heartbeat = request.heartbeatSeconds() == null ? null : request.heartbeatSeconds().longValue();
        return new StepBody.Awaited(secret.get(), submitted, timeoutAt, heartbeat, null, null, null);
    }

    /**
     * {@code states:startExecution}: starts the child (the same one on a replay, by its derived
     * name); for {@code .sync}, links it to the step that will wait for its end.
     */
    private Resumption startChild(StepDelivery delivery, TaskRequest request, String awaitKey, TaskWait waits) {
        ChildStarter.Started started;
        JsonNode parameters = request.parameters();
        try {
            started = children.get().start(parameters.path("StateMachineArn").asText(),
                    NestedExecutions.name(parameters, delivery.executionArn, delivery.key), NestedExecutions.input(parameters));
        } catch (ChildStarter.Rejected rejected) {
            return NestedExecutions.rejected(rejected);
        }
        if (waits.isChild()) {
            parents.link(DurableRuntime.runtimeArn(started.executionArn()), ParentLink.sync(delivery.executionArn, awaitKey,
                    waits == TaskWait.CHILD_JSON));
        }
        return new Resumption.TaskSucceeded(NestedExecutions.started(started));
    }

    /**
     * STANDARD: the attempt is claimed before its side effect, so it happens at most once.
     * EXPRESS: at least once, with the attempt's idempotency key passed to the integration.
     */
    private Resumption claimed(StepDelivery delivery, ExecutionHeader header, TaskRequest request, Supplier<Resumption> call) {
        int attempt = request.attempt();
        if (!machines.isExpress(header)) {
            String claim = StepKeys.claim(delivery.key, attempt);
            if (!env.steps().putIfAbsent(delivery.executionArn, StoredItem.of(claim, ItemKind.CLAIM, ItemBodies.at(delivery.now.toEpochMilli())))) {
                if (!delivery.isRedelivery()) {
                    return null;
                }
                return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(), RuntimeCauses.lostClaim(request.stateName(), attempt));
            }
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(), String.valueOf(e.getMessage()));
        }
    }
}
