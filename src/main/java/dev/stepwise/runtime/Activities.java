package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.store.ActivityStore;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.Store;
import dev.stepwise.store.StoredItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Activity Task states and their workers: the awaiting step queues a task for the activity;
 * GetActivityTask takes one (long-polling), records which worker took it (ActivityStarted is
 * written with that name when the task's result comes) and hands out the token that
 * SendTaskSuccess/Failure/Heartbeat take.
 */
public final class Activities {
    private static final String AT = "at";
    private static final String WORKER = "worker";

    private final Store store;
    private final Clock clock;
    private final ActivityPolls polls = new ActivityPolls(this::claim);

    Activities(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What GetActivityTask returns: a token and input, or nothing when no task came in time. */
    public record Assignment(String token, JsonNode input) {
    }

    public ActivityStore.Activity create(String arn, String name) {
        return store.activities().create(new ActivityStore.Activity(arn, name, clock.instant()));
    }

    public Optional<ActivityStore.Activity> find(String arn) {
        return store.activities().find(arn);
    }

    public void delete(String arn) {
        store.activities().delete(arn);
    }

    public List<ActivityStore.Activity> list() {
        return store.activities().list();
    }

    boolean exists(String arn) {
        return store.activities().find(arn).isPresent();
    }

    void schedule(String activityArn, String executionArn, String awaitKey, String token, JsonNode input, Instant now) {
        store.activities().offer(activityArn, now, new ActivityStore.ActivityTask(token, input, executionArn, awaitKey));
        polls.wake(activityArn);
    }

    /** How the task of this awaiting step started: taken by a worker (named or not), or not at all. */
    dev.stepwise.engine.Resumption.TaskStart start(String executionArn, String awaitKey) {
        return store.steps().item(executionArn, StepKeys.taken(awaitKey))
                .map(item -> dev.stepwise.engine.Resumption.TaskStart.pickedUpBy(item.body().path(WORKER).asText(null)))
                .orElse(dev.stepwise.engine.Resumption.TaskStart.RECORDED);
    }

    /**
     * GetActivityTask: a task within {@code wait}, or empty when none came. The wait holds no
     * thread ({@link ActivityPolls}); the future completes on the polls' own threads.
     */
    public CompletableFuture<Optional<Assignment>> take(String activityArn, String workerName, Duration wait) {
        return polls.poll(activityArn, workerName, wait);
    }

    /**
     * Takes the activity's oldest task for a worker and records who took it. A task whose
     * execution has ended, or whose result came already (a timeout), is dropped and the next one
     * taken.
     */
    private Optional<Assignment> claim(String activityArn, String workerName) {
        while (true) {
            Optional<ActivityStore.ActivityTask> task = store.activities().take(activityArn);
            if (task.isEmpty()) {
                return Optional.empty();
            }
            ActivityStore.ActivityTask taken = task.get();
            boolean live = store.headers().header(taken.executionArn()).map(h -> !h.status().isTerminal()).orElse(false)
                    && store.steps().item(taken.executionArn(), StepKeys.result(taken.stepKey())).isEmpty();
            if (live) {
                // ActivityStarted's workerName: AWS shows an empty detail when the worker gave none.
                var body = Json.object().put(AT, clock.millis());
                if (workerName != null) {
                    body.put(WORKER, workerName);
                }
                store.steps().putIfAbsent(taken.executionArn(), StoredItem.of(StepKeys.taken(taken.stepKey()), ItemKind.TAKEN, body));
                return Optional.of(new Assignment(taken.token(), taken.input()));
            }
        }
    }
}
