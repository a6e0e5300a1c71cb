package dev.stepwise.api.port;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the task-token and activity actions need from the runtime. Completions throw
 * {@link Rejected} with the API error AWS answers (InvalidToken, TaskTimedOut).
 */
public interface TaskPort {

    record Activity(String arn, String name, Instant creationDate) {
    }

    record Assignment(String token, JsonNode input) {
    }

    final class Rejected extends RuntimeException {
        private final String code;

        public Rejected(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    void success(String token, JsonNode output);

    void failure(String token, String error, String cause);

    void heartbeat(String token);

    /** Creates the activity unless it exists; returns the stored one. */
    Activity createActivity(String arn, String name, Instant now);

    Optional<Activity> activity(String arn);

    void deleteActivity(String arn);

    List<Activity> activities();

    /**
     * A task of the activity within {@code wait}, or empty when none came. The caller's thread is
     * not held while it waits; the stage may complete on another thread.
     */
    CompletionStage<Optional<Assignment>> take(String activityArn, String workerName, Duration wait);

    /** A port for a backend without callbacks or activities: every token is unknown, no activity has tasks. */
    static TaskPort none() {
        return new TaskPort() {
            private final java.util.Map<String, Activity> activities = new java.util.concurrent.ConcurrentSkipListMap<>();

            @Override
            public void success(String token, JsonNode output) {
                throw unknown();
            }

            @Override
            public void failure(String token, String error, String cause) {
                throw unknown();
            }

            @Override
            public void heartbeat(String token) {
                throw unknown();
            }

            private Rejected unknown() {
                return new Rejected("InvalidToken", "Invalid Token: 'Invalid token'");
            }

            @Override
            public Activity createActivity(String arn, String name, Instant now) {
                return activities.computeIfAbsent(arn, a -> new Activity(arn, name, now));
            }

            @Override
            public Optional<Activity> activity(String arn) {
                return Optional.ofNullable(activities.get(arn));
            }

            @Override
            public void deleteActivity(String arn) {
                activities.remove(arn);
            }

            @Override
            public List<Activity> activities() {
                return List.copyOf(activities.values());
            }

            @Override
            public CompletionStage<Optional<Assignment>> take(String activityArn, String workerName, Duration wait) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
        };
    }
}
