package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.model.Retrier;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Retry intervals: IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds (AWS "Retrying after an error"). */
class RetryDelayTest {

    private static Retrier retrier(int interval, double backoff, Integer maxDelay, Retrier.JitterStrategy jitter) {
        return new Retrier(List.of("States.ALL"), interval, 5, backoff, maxDelay, jitter);
    }

    @Test
    void theDocumentedExampleWaitsThreeThenSixThenTwelveSeconds() {
        // "IntervalSeconds": 3, "BackoffRate": 2 → retries after 3, 6 and 12 seconds.
        Retrier r = retrier(3, 2.0, null, Retrier.JitterStrategy.NONE);
        assertEquals(3000, RetryDelay.millis(r, 0, new SplittableRandom(1)));
        assertEquals(6000, RetryDelay.millis(r, 1, new SplittableRandom(1)));
        assertEquals(12000, RetryDelay.millis(r, 2, new SplittableRandom(1)));
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() {
        Retrier r = retrier(1, 10.0, 30, Retrier.JitterStrategy.NONE);
        assertEquals(30_000, RetryDelay.millis(r, 3, new SplittableRandom(1)));
    }

    @Test
    void fullJitterWaitsSomewhereBetweenZeroAndTheComputedDelay() {
        Retrier r = retrier(10, 1.0, null, Retrier.JitterStrategy.FULL);
        SplittableRandom random = new SplittableRandom(42);
        boolean sawDifferent = false;
        for (int i = 0; i < 50; i++) {
            long delay = RetryDelay.millis(r, 0, random);
            assertTrue(delay >= 0 && delay <= 10_000, "delay " + delay);
            sawDifferent |= delay != 10_000;
        }
        assertTrue(sawDifferent);
    }
}
