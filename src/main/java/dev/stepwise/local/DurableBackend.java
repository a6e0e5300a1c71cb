package dev.stepwise.local;

import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.tasks.MockedTasks;
import java.time.Duration;
import java.util.Optional;

/**
 * Where {@link DurableRun} runs its executions: the durable runtime on DynamoDB and SQS
 * ({@link LocalRuntime}, for {@code run}) or on the store's and queue's in-memory adapters
 * ({@link MemoryApi}, for {@code run --in-memory}). Both are the same runtime, so both have
 * Map Runs with child executions, nested executions and the same history.
 */
interface DurableBackend extends AutoCloseable {
    DurableRuntime runtime();

    /** The mocked integrations when a mock configuration was given, to select an execution's test case. */
    Optional<MockedTasks> mocks();

    /** Waits until the execution is no longer RUNNING; returns its header. */
    ExecutionHeader awaitEnd(String executionArn, Duration timeout) throws InterruptedException;

    /** Wakes {@link #awaitEnd}: a listener saw an execution's last event committed. */
    void executionEnded();

    @Override
    void close();
}
