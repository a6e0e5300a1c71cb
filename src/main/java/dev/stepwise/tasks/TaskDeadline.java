package dev.stepwise.tasks;

import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.model.TaskState;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A Task's deadline over its service call: the earlier of TimeoutSeconds (or TimeoutSecondsPath)
 * and HeartbeatSeconds, counted from the call's start. A call still running then is abandoned
 * (its thread interrupted) and the task times out with {@code States.Timeout} and no cause, as
 * AWS records it for a slow function behind {@code lambda:invoke} or a function ARN (LocalStack
 * timeouts/test_timeouts test_fixed_timeout_service_lambda: TaskTimedOut {error: States.Timeout};
 * test_fixed_timeout_lambda: LambdaFunctionTimedOut) — not as the HTTP client's read timeout.
 * A task without either field has no deadline here and runs on the caller's thread.
 */
final class TaskDeadline {
    /** The transports wait this much longer than the deadline, so the deadline is what ends a slow call. */
    static final Duration TRANSPORT_GRACE = Duration.ofSeconds(2);

    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stepwise-task-call");
        thread.setDaemon(true);
        return thread;
    });

    private TaskDeadline() {
    }

    /** The deadline in seconds, or 0 when the task sets neither TimeoutSeconds nor HeartbeatSeconds. */
    static long seconds(TaskRequest request) {
        long timeout = request.timeoutSeconds() > 0 && request.timeoutSeconds() < TaskState.DEFAULT_TIMEOUT_SECONDS
                ? request.timeoutSeconds() : 0;
        Long heartbeat = request.heartbeatSeconds();
        if (heartbeat != null && heartbeat > 0 && (timeout == 0 || heartbeat < timeout)) {
            return heartbeat;
        }
        return timeout;
    }

    /** {@code call}'s result, or the task's timeout when its deadline passes first. */
    static Resumption within(TaskRequest request, Supplier<Resumption> call) {
        long seconds = seconds(request);
        if (seconds == 0) {
            return call.get();
        }
        Future<Resumption> running = CALLS.submit(call::get);
        try {
            return running.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException late) {
            running.cancel(true);
            return new Resumption.TaskTimedOut(StatesError.TIMEOUT.aslName(), null, Resumption.TaskStart.IN_STEP);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the task's call", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
