package dev.stepwise.store.memory;

import static dev.stepwise.store.TableLayout.ACTIVITIES;
import static dev.stepwise.store.TableLayout.ACTIVITY_QUEUE;

import dev.stepwise.store.ActivityStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ActivityStore} in memory: activities and their queues of tasks, in the table's partitions. */
final class MemoryActivities implements ActivityStore {
    private final MemoryTable table;

    MemoryActivities(MemoryTable table) {
        this.table = table;
    }

    @Override
    public Activity create(Activity activity) {
        return table.putIfAbsent(ACTIVITIES, activity.arn(), activity) ? activity : find(activity.arn()).orElse(activity);
    }

    @Override
    public Optional<Activity> find(String arn) {
        return Optional.ofNullable((Activity) table.get(ACTIVITIES, arn));
    }

    @Override
    public void delete(String arn) {
        table.remove(ACTIVITIES, arn);
    }

    @Override
    public List<Activity> list() {
        return table.prefixed(ACTIVITIES, "").stream().map(e -> (Activity) e.getValue()).toList();
    }

    @Override
    public void offer(String activityArn, Instant scheduled, ActivityTask task) {
        table.put(ACTIVITY_QUEUE + activityArn, String.format("%015d", scheduled.toEpochMilli()) + "#" + task.token(), task);
    }

    @Override
    public Optional<ActivityTask> take(String activityArn) {
        synchronized (table) {
            List<Map.Entry<String, Object>> waiting = table.prefixed(ACTIVITY_QUEUE + activityArn, "");
            if (waiting.isEmpty()) {
                return Optional.empty();
            }
            table.remove(ACTIVITY_QUEUE + activityArn, waiting.get(0).getKey());
            return Optional.of((ActivityTask) waiting.get(0).getValue());
        }
    }
}
