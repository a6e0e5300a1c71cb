package dev.stepwise.local;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The bench's peak heap: the heap in use right after a full collection, sampled every second
 * while a workload runs, so that it measures what the process holds, not garbage a collector has
 * not reached yet.
 */
final class HeapWatch implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile long peak;
    private volatile boolean running = true;

    HeapWatch() {
        sample();
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "stepwise-bench-heap");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        System.gc();
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }

    /** The highest heap in use after a collection, in bytes, so far. */
    long peak() {
        return peak;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        sample();
    }
}
