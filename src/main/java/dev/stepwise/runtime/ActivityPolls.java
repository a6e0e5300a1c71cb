package dev.stepwise.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * GetActivityTask's long polls, waiting without a thread each: "Workers should poll with a
 * client-side socket timeout of at least 65 seconds" (API reference), so a fleet of workers
 * keeps many polls open at once, and none of them may hold a thread an API call needs. Each
 * activity has one line of waiting polls, served oldest first by one check at a time on a small
 * timer pool: a check claims the activity's oldest task for the oldest poll, and when there is
 * none it looks again after a back-off (50 ms doubling to 1 s), or at once when a task of that
 * activity is scheduled in this process ({@link #wake}). A poll nobody served by its deadline
 * answers empty, as AWS answers after 60 seconds.
 */
final class ActivityPolls {
    private static final long FIRST_INTERVAL_MILLIS = 50;
    private static final long MAX_INTERVAL_MILLIS = Duration.ofSeconds(1).toMillis();

    /** Takes the activity's oldest live task for the named worker (null for none given). */
    private final BiFunction<String, String, Optional<Activities.Assignment>> claim;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<String, Line> lines = new ConcurrentHashMap<>();

    ActivityPolls(BiFunction<String, String, Optional<Activities.Assignment>> claim) {
        this.claim = claim;
        this.timer = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "stepwise-activity-polls");
            thread.setDaemon(true);
            return thread;
        });
        // Idle runtimes (one per test, or a Lambda container between calls) keep no threads.
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A poll waiting up to {@code wait}; completes with a task, or empty at its deadline. */
    CompletableFuture<Optional<Activities.Assignment>> poll(String activityArn, String workerName, Duration wait) {
        Poll poll = new Poll(workerName);
        Line line = lines.computeIfAbsent(activityArn, Line::new);
        synchronized (line) {
            line.waiting.addLast(poll);
            poll.expiry = timer.schedule(() -> expire(line, poll), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        }
        checkNow(line);
        return poll.result;
    }

    /** A task of the activity was scheduled: its waiting polls look at once. */
    void wake(String activityArn) {
        Line line = lines.get(activityArn);
        if (line != null) {
            checkNow(line);
        }
    }

    private static void expire(Line line, Poll poll) {
        synchronized (line) {
            // A poll in the hands of a check is not in the line: the check answers it.
            if (line.waiting.remove(poll)) {
                poll.result.complete(Optional.empty());
            }
        }
    }

    private void checkNow(Line line) {
        synchronized (line) {
            line.interval = FIRST_INTERVAL_MILLIS;
            if (line.checking) {
                line.again = true;
                return;
            }
            if (line.next != null) {
                line.next.cancel(false);
            }
            line.checking = true;
        }
        timer.execute(() -> check(line));
    }

    private void checkLater(Line line) {
        synchronized (line) {
            if (line.checking) {
                return;
            }
            line.checking = true;
        }
        check(line);
    }

    /** Serves the line's polls oldest first until the activity has no task left for them. */
    private void check(Line line) {
        while (true) {
            Poll poll;
            synchronized (line) {
                poll = line.waiting.pollFirst();
                line.again = false;
                if (poll == null) {
                    line.checking = false;
                    return;
                }
            }
            Optional<Activities.Assignment> task;
            try {
                task = claim.apply(line.activityArn, poll.workerName);
            } catch (RuntimeException e) {
                poll.expiry.cancel(false);
                poll.result.completeExceptionally(e);
                continue;
            }
            if (task.isPresent()) {
                poll.expiry.cancel(false);
                poll.result.complete(task);
                continue;
            }
            synchronized (line) {
                if (poll.expiry.isDone()) {
                    poll.result.complete(Optional.empty());
                } else {
                    line.waiting.addFirst(poll);
                }
                if (line.again) {
                    continue; // a task came while this check looked: look again at once
                }
                line.checking = false;
                if (!line.waiting.isEmpty()) {
                    long delay = line.interval;
                    // Back off: an idle activity's 60 s of polls costs about 65 queries, however many wait.
                    line.interval = Math.min(delay * 2, MAX_INTERVAL_MILLIS);
                    line.next = timer.schedule(() -> checkLater(line), delay, TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
    }

    /** One activity's waiting polls and the state of its check; guarded by itself. */
    private static final class Line {
        final String activityArn;
        final ArrayDeque<Poll> waiting = new ArrayDeque<>();
        boolean checking;
        boolean again;
        long interval = FIRST_INTERVAL_MILLIS;
        ScheduledFuture<?> next;

        Line(String activityArn) {
            this.activityArn = activityArn;
        }
    }

    private static final class Poll {
        final String workerName;
        final CompletableFuture<Optional<Activities.Assignment>> result = new CompletableFuture<>();
        ScheduledFuture<?> expiry;

        Poll(String workerName) {
            this.workerName = workerName;
        }
    }
}
