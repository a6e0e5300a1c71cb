package dev.stepwise.runtime;

import dev.stepwise.queue.StepMessage;

/**
 * What happens to one delivered SQS message, the same on Lambda (a batch item) and on a laptop
 * (the poller): a step message is processed; a body that is not a step message is acknowledged
 * and dropped so it never blocks the queue; a failure leaves the message for redelivery.
 */
public final class MessageDelivery {
    private MessageDelivery() {
    }

    /** @return true when the message may be deleted, false when it must come back */
    public static boolean handle(DurableRuntime runtime, String body, int receiveCount) {
        StepMessage step;
        try {
            step = StepMessage.fromJson(body);
        } catch (IllegalArgumentException notOurs) {
            return true;
        }
        try {
            runtime.process(step, receiveCount);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
