package dev.stepwise.local;

import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Headers;
import java.time.Duration;

/**
 * Waits for an execution to end, on whichever store its runtime keeps headers in: it looks at the
 * header at growing intervals, and again soon after a listener saw an execution's last event
 * committed ({@link #ended}). Listeners see the last event before the header says how the
 * execution ended, so a wake-up looks again at short intervals rather than waiting the long one.
 */
final class ExecutionEndWaiter {
    private final Headers headers;
    private final Object ended = new Object();
    /** How many times {@link #ended} was called: a waiter tells a wake-up from a timeout by it. */
    private long endings;

    ExecutionEndWaiter(Headers headers) {
        this.headers = headers;
    }

    /** Returns the execution's header once it is no longer RUNNING. */
    ExecutionHeader await(String executionArn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 20;
        while (true) {
            long seen;
            synchronized (ended) {
                seen = endings;
            }
            ExecutionHeader header = headers.header(executionArn).orElseThrow();
            if (header.status().isTerminal()) {
                return header;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the execution " + executionArn + " is still " + header.status()
                        + " after " + timeout);
            }
            boolean woken;
            synchronized (ended) {
                if (endings == seen) {
                    ended.wait(pause);
                }
                woken = endings != seen;
            }
            pause = woken ? 1 : Math.min(250, pause * 2);
        }
    }

    void ended() {
        synchronized (ended) {
            endings++;
            ended.notifyAll();
        }
    }
}
