package dev.stepwise.queue;

import java.util.List;

/** The runtime's port to its step queue. Delays beyond {@link #MAX_DELAY_SECONDS} are the caller's hops. */
public interface StepQueue {
    /** SQS's maximum DelaySeconds. */
    int MAX_DELAY_SECONDS = 900;

    void send(StepMessage message, int delaySeconds);

    /** Sends several undelayed messages, in as few requests as the queue allows. */
    void sendAll(List<StepMessage> messages);
}
