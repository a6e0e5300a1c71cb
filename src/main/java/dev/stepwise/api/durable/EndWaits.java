package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.runtime.StepListener;
import java.time.Duration;
import java.util.Set;

/**
 * Waits for executions to end without spinning: the runtime in this process tells of every
 * committed chunk, and a chunk that ends an execution wakes its waiters. Executions run by other
 * processes (the cloud's step workers) end unseen here, so a wait also wakes every {@link #POLL}
 * to look at the store.
 */
final class EndWaits implements StepListener {
    static final Duration POLL = Duration.ofMillis(250);
    private static final Set<String> ENDS = Set.of("ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted",
            "ExecutionTimedOut");

    private final Object ended = new Object();

    @Override
    public void committed(String executionArn, ArrayNode events) {
        for (JsonNode event : events) {
            if (ENDS.contains(event.path("type").asText())) {
                synchronized (ended) {
                    ended.notifyAll();
                }
                return;
            }
        }
    }

    /** Waits until some execution ends or {@code nanos} pass; false when interrupted. */
    boolean await(String executionArn, long nanos) {
        synchronized (ended) {
            try {
                long millis = Math.max(1, nanos / 1_000_000);
                ended.wait(millis);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
