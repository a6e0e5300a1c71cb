package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Step;

/**
 * What a runnable item (kinds step, await, join) holds: the step to run; the id of the last event
 * before it ({@code previousEventId}); the id its first event will get when the execution has
 * never fanned out, so a linear run reserves no ids ({@code firstEventId}, else null); when a wait
 * or back-off ends ({@code runAt}, epoch millis, else null); the Map Run whose child this branch
 * start starts ({@code mapRun}, else null); and the waiting task or the join's settings.
 */
public record StepBody(Step step, long previousEventId, Long firstEventId, Long runAt, String mapRun, Awaited awaited,
                       JoinSettings join) {

    public static StepBody of(Step step, long previousEventId) {
        return new StepBody(step, previousEventId, null, null, null, null, null);
    }

    public StepBody carrying(Long firstEventId) {
        return new StepBody(step, previousEventId, firstEventId, runAt, mapRun, awaited, join);
    }

    public StepBody at(long runAtMillis) {
        return new StepBody(step, previousEventId, firstEventId, runAtMillis, mapRun, awaited, join);
    }

    public StepBody inMapRun(String mapRunArn) {
        return new StepBody(step, previousEventId, firstEventId, runAt, mapRunArn, awaited, join);
    }

    public StepBody awaiting(Awaited task) {
        return new StepBody(step, previousEventId, firstEventId, runAt, mapRun, task, join);
    }

    public StepBody joining(JoinSettings settings) {
        return new StepBody(step, previousEventId, firstEventId, runAt, mapRun, awaited, settings);
    }

    public StepBody withPrevious(long previous) {
        return new StepBody(step, previous, firstEventId, runAt, mapRun, awaited, join);
    }

    /**
     * A task that waits after its call: the token's {@code secret}; when it was submitted (its
     * clocks start then); its TimeoutSeconds deadline and HeartbeatSeconds (null when unset); the
     * activity it waits on with its input, or the child execution whose end it waits for.
     */
    public record Awaited(String secret, long submittedAt, Long timeoutAt, Long heartbeatSeconds, String activity,
                          JsonNode activityInput, String child) {
        public Awaited withActivity(String arn, JsonNode input) {
            return new Awaited(secret, submittedAt, timeoutAt, heartbeatSeconds, arn, input, child);
        }

        public Awaited withChild(String childArn) {
            return new Awaited(secret, submittedAt, timeoutAt, heartbeatSeconds, activity, activityInput, childArn);
        }

        public boolean isActivity() {
            return activity != null;
        }
    }

    /**
     * A fan-out: the Map or Parallel state's name, its number of branches, its MaxConcurrency (0:
     * no limit), its tolerated failures (null when unset), and its Map Run when distributed.
     */
    public record JoinSettings(String stateName, int total, int maxConcurrency, Integer toleratedCount,
                               Double toleratedPercentage, String mapRun) {
    }
}
