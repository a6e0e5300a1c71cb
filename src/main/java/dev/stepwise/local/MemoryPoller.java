package dev.stepwise.local;

import dev.stepwise.queue.InMemoryStepQueue;
import dev.stepwise.queue.VirtualClock;
import dev.stepwise.runtime.DurableRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Plays the SQS event source mapping for a queue in this process's memory, as {@link StepPoller}
 * does for a real one: worker threads hand each due message to the runtime; a message whose
 * processing fails comes back after the queue's visibility timeout, until it is dead. Or, on a
 * {@link VirtualClock}, drains the queue on the calling thread, jumping the clock to each next
 * due message ({@link #drain}).
 */
public final class MemoryPoller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MemoryPoller.class.getName());

    private final InMemoryStepQueue queue;
    private final DurableRuntime runtime;
    private final int maxReceives;
    private final BiConsumer<InMemoryStepQueue.Delivery, RuntimeException> onFailure;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();

    public MemoryPoller(InMemoryStepQueue queue, DurableRuntime runtime, int workers,
                        BiConsumer<InMemoryStepQueue.Delivery, RuntimeException> onFailure) {
        this.queue = queue;
        this.runtime = runtime;
        this.maxReceives = runtime.options().maxReceives();
        this.onFailure = onFailure;
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(this::poll, "stepwise-memory-poller-" + i);
            worker.setDaemon(true);
            this.workers.add(worker);
        }
    }

    public MemoryPoller start() {
        workers.forEach(Thread::start);
        return this;
    }

    private void poll() {
        while (running.get()) {
            Optional<InMemoryStepQueue.Delivery> next = queue.poll();
            if (next.isEmpty()) {
                try {
                    queue.await(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            deliver(next.get());
        }
    }

    private void deliver(InMemoryStepQueue.Delivery delivery) {
        try {
            runtime.process(delivery.message(), delivery.receiveCount());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "step " + delivery.message().toJson() + " failed on delivery "
                    + delivery.receiveCount() + ": " + e);
            onFailure.accept(delivery, e);
            queue.failed(delivery, maxReceives);
        }
    }

    /** Runs every message on this thread until the queue is empty, moving {@code clock} to each next due message. */
    public static void drain(InMemoryStepQueue queue, DurableRuntime runtime, VirtualClock clock) {
        MemoryPoller poller = new MemoryPoller(queue, runtime, 0, (delivery, error) -> { });
        while (true) {
            Optional<InMemoryStepQueue.Delivery> next = queue.poll();
            if (next.isPresent()) {
                poller.deliver(next.get());
                continue;
            }
            Optional<Long> due = queue.nextDue();
            if (due.isEmpty()) {
                return;
            }
            clock.advanceTo(due.get());
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread worker : workers) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
