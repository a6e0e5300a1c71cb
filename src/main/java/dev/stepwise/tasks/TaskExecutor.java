package dev.stepwise.tasks;

import dev.stepwise.engine.ItemReading;
import dev.stepwise.engine.ResultWriting;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import java.util.function.Consumer;

/**
 * Performs a Task state's work for the durable runtime. {@code idempotencyKey} names the attempt
 * (execution, step and attempt number): an integration that can deduplicate passes it on, so an
 * EXPRESS at-least-once retry of the same attempt has its side effect once.
 */
@FunctionalInterface
public interface TaskExecutor {
    /** @return {@link Resumption.TaskSucceeded} or {@link Resumption.TaskFailed}; never throws for a task's own failure */
    Resumption execute(TaskRequest request, String idempotencyKey);

    /**
     * {@link #execute(TaskRequest, String)}, handing each HTTP exchange an HTTP Task makes to
     * {@code watcher} (TestState shows them at TRACE). Executors without HTTP Tasks ignore it.
     */
    default Resumption execute(TaskRequest request, String idempotencyKey, Consumer<HttpExchange> watcher) {
        return execute(request, idempotencyKey);
    }

    /**
     * True when this executor's answer is the task's result whatever the integration pattern (a
     * mocked response): the runtime then calls {@link #execute} and waits for no token, child
     * execution or activity worker.
     */
    default boolean answersFinally(TaskRequest request) {
        return false;
    }

    /** Where Distributed Maps' ItemReaders read (S3 for the real integrations; none by default). */
    default ItemReading itemReading() {
        return ItemReading.NONE;
    }

    /** Where Distributed Maps' ResultWriters export (S3 for the real integrations; none by default). */
    default ResultWriting resultWriting() {
        return ResultWriting.NONE;
    }
}
