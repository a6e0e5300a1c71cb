package dev.stepwise.queue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The step queue in this process's memory, with SQS's contract as the runtime sees it: a message
 * is delivered when its delay has passed, a delivery that fails comes back after the visibility
 * timeout with its receive count raised, and after {@code maxReceives} deliveries it is dead.
 * Deliveries are in due order, then in order of sending, so a run on a virtual clock
 * ({@link VirtualClock}) is deterministic.
 */
public final class InMemoryStepQueue implements StepQueue {
    /** A message due for delivery, and how often it was delivered before. */
    public record Delivery(StepMessage message, int receiveCount) {
    }

    private record Entry(long dueMillis, long sequence, StepMessage message, int received) {
    }

    private final Clock clock;
    private final int visibilityTimeoutSeconds;
    private final PriorityQueue<Entry> entries = new PriorityQueue<>((a, b) -> a.dueMillis != b.dueMillis
            ? Long.compare(a.dueMillis, b.dueMillis) : Long.compare(a.sequence, b.sequence));
    private final List<StepMessage> dead = new ArrayList<>();
    private long sequence;

    public InMemoryStepQueue(Clock clock, int visibilityTimeoutSeconds) {
        this.clock = clock;
        this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
    }

    @Override
    public synchronized void send(StepMessage message, int delaySeconds) {
        if (delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
            throw new IllegalArgumentException("SQS takes DelaySeconds 0.." + MAX_DELAY_SECONDS + ", not " + delaySeconds);
        }
        entries.add(new Entry(clock.millis() + delaySeconds * 1000L, sequence++, message, 0));
        notifyAll();
    }

    @Override
    public synchronized void sendAll(List<StepMessage> messages) {
        messages.forEach(message -> send(message, 0));
    }

    /** The next message due now, taken out of the queue until {@link #failed} or done; empty when none is due. */
    public synchronized Optional<Delivery> poll() {
        Entry next = entries.peek();
        if (next == null || next.dueMillis > clock.millis()) {
            return Optional.empty();
        }
        entries.poll();
        return Optional.of(new Delivery(next.message, next.received + 1));
    }

    /** When the next message is due (epoch millis); empty when the queue is empty. */
    public synchronized Optional<Long> nextDue() {
        return Optional.ofNullable(entries.peek()).map(Entry::dueMillis);
    }

    /** The delivery failed: it comes back after the visibility timeout, or is dead after {@code maxReceives}. */
    public synchronized void failed(Delivery delivery, int maxReceives) {
        if (delivery.receiveCount() >= maxReceives) {
            dead.add(delivery.message());
            return;
        }
        entries.add(new Entry(clock.millis() + visibilityTimeoutSeconds * 1000L, sequence++, delivery.message(),
                delivery.receiveCount()));
        notifyAll();
    }

    /** Waits until a message may be due or {@code millis} passed (on a real clock; a virtual one never waits). */
    public synchronized void await(long millis) throws InterruptedException {
        Entry next = entries.peek();
        long wait = next == null ? millis : Math.min(millis, next.dueMillis - clock.millis());
        if (wait > 0) {
            wait(wait);
        }
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Messages that failed every delivery (SQS's dead-letter queue). */
    public synchronized List<StepMessage> deadLetters() {
        return List.copyOf(dead);
    }
}
