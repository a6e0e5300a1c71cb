package dev.stepwise.engine;

import dev.stepwise.asl.model.Retrier;
import java.util.random.RandomGenerator;

/** The wait before a retry: IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, with optional full jitter. */
final class RetryDelay {
    private RetryDelay() {
    }

    static long millis(Retrier retrier, int attemptsSoFar, RandomGenerator random) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attemptsSoFar);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        long millis = (long) Math.ceil(seconds * 1000);
        // JitterStrategy FULL (AWS guide, "Retrying after an error"): the wait is drawn at random
        // between 0 and the computed interval; NONE waits the computed interval.
        return retrier.jitterStrategy() == Retrier.JitterStrategy.FULL ? (long) (random.nextDouble() * millis) : millis;
    }
}
