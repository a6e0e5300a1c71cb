package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Activities and the tasks waiting for their workers. Every write is a single-item conditional
 * write: a task is handed to one worker by deleting it from its activity's queue.
 */
public interface ActivityStore {

    record Activity(String arn, String name, Instant creationDate) {
    }

    /** A task an activity worker may take: its token and input. */
    record ActivityTask(String token, JsonNode input, String executionArn, String stepKey) {
    }

    /** Creates the activity unless it exists; returns the stored one either way. */
    Activity create(Activity activity);

    Optional<Activity> find(String arn);

    void delete(String arn);

    /** All activities, ordered by ARN. */
    List<Activity> list();

    /** Queues a task for the activity's workers; offering the same task again changes nothing. */
    void offer(String activityArn, Instant scheduled, ActivityTask task);

    /** Takes the oldest queued task, or empty when none waits. Each task is taken once. */
    Optional<ActivityTask> take(String activityArn);
}
