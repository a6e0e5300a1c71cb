package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What a continuing step needs to remember about the state it continues: its raw input (the
 * target of ResultPath), when and at which event it was entered, and how often each of its
 * Retriers has retried (the spec keeps one counter per Retrier), and the variables as they were
 * when it was entered (every expression of a state reads those, Assign included).
 */
public record StateVisit(String stateName, JsonNode input, long enteredEventId, Instant enteredTime,
                         List<Integer> retryAttempts, Variables variables) {
    public StateVisit {
        retryAttempts = List.copyOf(retryAttempts);
    }

    /** $$.State.RetryCount: retries of this state so far, over all its Retriers. */
    public int retryCount() {
        int total = 0;
        for (int attempts : retryAttempts) {
            total += attempts;
        }
        return total;
    }

    public int attemptsOf(int retrier) {
        return retrier < retryAttempts.size() ? retryAttempts.get(retrier) : 0;
    }

    public StateVisit withRetry(int retrier) {
        Integer[] counts = new Integer[Math.max(retryAttempts.size(), retrier + 1)];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = attemptsOf(i);
        }
        counts[retrier]++;
        return new StateVisit(stateName, input, enteredEventId, enteredTime, List.of(counts), variables);
    }
}
