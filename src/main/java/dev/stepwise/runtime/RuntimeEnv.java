package dev.stepwise.runtime;

import dev.stepwise.engine.Engine;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.Store;
import dev.stepwise.store.StoredItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What every part of the runtime works with: the store, the queue, the clock, the options, the engine and the listener. */
record RuntimeEnv(Store store, StepQueue queue, Clock clock, RuntimeOptions options, Engine engine, StepListener listener) {

    StepItems steps() {
        return store.steps();
    }

    /** Creates the item once; a commit (its events go to the listener) when this call created it. */
    boolean commit(String executionArn, StoredItem item) {
        boolean created = store.steps().putIfAbsent(executionArn, item);
        if (created && item.hasEvents()) {
            listener.committed(executionArn, item.events());
        }
        return created;
    }

    void send(String executionArn, String stepKey) {
        queue.send(new StepMessage(executionArn, stepKey), 0);
    }

    void sendAt(String executionArn, String stepKey, Instant until) {
        queue.send(new StepMessage(executionArn, stepKey), delay(clock.instant(), until));
    }

    /** Seconds until {@code until}, rounded up, within SQS's 0..900. */
    static int delay(Instant now, Instant until) {
        long millis = Duration.between(now, until).toMillis();
        if (millis <= 0) {
            return 0;
        }
        return (int) Math.min(StepQueue.MAX_DELAY_SECONDS, (millis + 999) / 1000);
    }
}
