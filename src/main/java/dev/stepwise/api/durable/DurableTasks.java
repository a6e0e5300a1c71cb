package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.port.TaskPort;
import dev.stepwise.runtime.Activities;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.TaskCompletionRejected;
import dev.stepwise.store.ActivityStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The task-token and activity actions on the durable runtime. */
public final class DurableTasks implements TaskPort {
    private final DurableRuntime runtime;

    public DurableTasks(DurableRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void success(String token, JsonNode output) {
        rejections(() -> runtime.sendTaskSuccess(token, output));
    }

    @Override
    public void failure(String token, String error, String cause) {
        rejections(() -> runtime.sendTaskFailure(token, error, cause));
    }

    @Override
    public void heartbeat(String token) {
        rejections(() -> runtime.sendTaskHeartbeat(token));
    }

    private static void rejections(Runnable call) {
        try {
            call.run();
        } catch (TaskCompletionRejected rejected) {
            throw new Rejected(rejected.code(), rejected.getMessage());
        }
    }

    @Override
    public Activity createActivity(String arn, String name, Instant now) {
        return activity(runtime.activities().create(arn, name));
    }

    @Override
    public Optional<Activity> activity(String arn) {
        return runtime.activities().find(arn).map(DurableTasks::activity);
    }

    @Override
    public void deleteActivity(String arn) {
        runtime.activities().delete(arn);
    }

    @Override
    public List<Activity> activities() {
        return runtime.activities().list().stream().map(DurableTasks::activity).toList();
    }

    @Override
    public CompletionStage<Optional<Assignment>> take(String activityArn, String workerName, Duration wait) {
        return runtime.activities().take(activityArn, workerName, wait)
                .thenApply(task -> task.map((Activities.Assignment a) -> new Assignment(a.token(), a.input())));
    }

    private static Activity activity(ActivityStore.Activity activity) {
        return new Activity(activity.arn(), activity.name(), activity.creationDate());
    }
}
