package dev.stepwise.local;

import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Headers;
import java.time.Duration;

/**
 * Waits for an execution to end, on whichever store its runtime keeps headers in: it looks at the
 * header at growing intervals, and at once when a listener saw an execution's last event
 * committed ({@link #ended}).
 */
final class ExecutionEndWaiter {
    private final Headers headers;
    private final Object ended = new Object();

    ExecutionEndWaiter(Headers headers) {
        this.headers = headers;
    }

    /** Returns the execution's header once it is no longer RUNNING. */
    ExecutionHeader await(String executionArn, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 20;
        while (true) {
            ExecutionHeader header = headers.header(executionArn).orElseThrow();
            if (header.status().isTerminal()) {
                return header;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the execution " + executionArn + " is still " + header.status()
                        + " after " + timeout);
            }
            synchronized (ended) {
                ended.wait(pause);
            }
            pause = Math.min(250, pause * 2);
        }
    }

    void ended() {
        synchronized (ended) {
            ended.notifyAll();
        }
    }
}
