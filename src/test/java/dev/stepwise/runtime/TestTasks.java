package dev.stepwise.runtime;

import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.tasks.TaskExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Task resources for tests: {@code arn:aws:states:::test:echo} returns its input,
 * {@code arn:aws:states:::test:fail} fails with Test.Failure. Every call is counted by its
 * idempotency key, so tests can check that no attempt ran twice.
 */
final class TestTasks implements TaskExecutor {
    static final TestTasks INSTANCE = new TestTasks();

    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public Resumption execute(TaskRequest request, String idempotencyKey) {
        calls.computeIfAbsent(idempotencyKey, k -> new AtomicInteger()).incrementAndGet();
        return switch (request.resource()) {
            case "arn:aws:states:::test:echo" -> new Resumption.TaskSucceeded(request.parameters());
            case "arn:aws:states:::test:fail" -> new Resumption.TaskFailed("Test.Failure", "told to fail");
            default -> new Resumption.TaskFailed("States.TaskFailed", "unknown test resource " + request.resource());
        };
    }

    /** Attempts that ran more than once. */
    long repeatedAttempts() {
        return calls.values().stream().filter(c -> c.get() > 1).count();
    }
}
