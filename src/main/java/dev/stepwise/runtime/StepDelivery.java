package dev.stepwise.runtime;

import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.Loaded;
import dev.stepwise.store.StepKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One delivery of one step message: where the step is (its execution, its key, its frame), how
 * often SQS has delivered the message ({@code receiveCount}), the time the step is decided at,
 * and what was loaded for it.
 */
final class StepDelivery {
    final StepMessage message;
    final String executionArn;
    final String key;
    final String frameKey;
    final boolean root;
    final int receiveCount;
    final Instant now;
    Loaded loaded;

    StepDelivery(StepMessage message, int receiveCount, Instant now) {
        this.message = message;
        this.executionArn = message.execution();
        this.key = message.step();
        // A Map Run's messages (reader pages, child starts) are about its join's frame.
        boolean runMessage = StepKeys.isFeed(key) || StepKeys.isRunStarts(key);
        this.frameKey = StepKeys.isBranchEnd(key) ? StepKeys.frameOfBranchEnd(key)
                : StepKeys.frameKey(runMessage ? StepKeys.runJoin(key) : key);
        this.root = StepKeys.isRoot(frameKey);
        this.receiveCount = receiveCount;
        this.now = now;
    }

    /** A delivery after the first: the step may have been half done by a delivery that died. */
    boolean isRedelivery() {
        return receiveCount > 1;
    }

    String successor() {
        return StepKeys.successor(key);
    }

    /** The engine's random source for this step: the same on every delivery, so a replay decides the same. */
    SplittableRandom random() {
        UUID seed = UUID.nameUUIDFromBytes((executionArn + "\n" + key).getBytes(StandardCharsets.UTF_8));
        return new SplittableRandom(seed.getMostSignificantBits() ^ seed.getLeastSignificantBits());
    }
}
