package dev.stepwise.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The fan-in rules of a Parallel state, an inline Map and a Distributed Map's Map Run, shared by
 * every runner: how many branches start at once, which branch starts when another ends, and when
 * and how the join closes. A runner counts each branch's end once (the durable runtime with an
 * atomic counter, which may hand it a replayed end) and applies the {@link Decision}.
 */
public final class FanIn {
    private FanIn() {
    }

    /**
     * A join's settings: {@code total} branches, at most {@code maxConcurrency} running at once
     * (0: no limit), the failures it tolerates, and whether its branches are a Map Run's child
     * executions. A Map Run's settings are the state's unless UpdateMapRun changed them.
     */
    public record Join(int total, int maxConcurrency, FailureTolerance tolerance, boolean mapRun) {

        public static Join of(Outcome.FanOut fanOut) {
            return new Join(fanOut.branches().size(), fanOut.maxConcurrency(), fanOut.tolerance(), fanOut.mapRun() != null);
        }

        /**
         * How many branches have been started once {@code done} have ended: all of them without
         * MaxConcurrency, else MaxConcurrency more than have ended (each end starts the next).
         */
        public int started(int done) {
            return maxConcurrency == 0 ? total : (int) Math.min(total, (long) maxConcurrency + done);
        }

        /** The branches the fan-out starts at once. */
        public List<Integer> initialStarts() {
            return indices(0, started(0));
        }

        /**
         * UpdateMapRun set {@code maxConcurrency} while {@code done} branches have ended: every
         * branch it allows to have started (a runner starts a started branch only once).
         */
        public List<Integer> allowedBy(int maxConcurrency, int done) {
            return indices(0, new Join(total, maxConcurrency, tolerance, mapRun).started(done));
        }

        /** RedriveExecution: a redriven fan-out starts all its unsuccessful branches at once. */
        public Join redriven() {
            return new Join(total, 0, tolerance, mapRun);
        }

        /**
         * AWS: a Parallel state or an inline Map without tolerated failures fails with the error
         * of the branch that failed; a Map with ToleratedFailureCount/Percentage and every Map
         * Run fail with States.ExceedToleratedFailureThreshold.
         */
        boolean failsWithBranchError() {
            return !mapRun && tolerance.count() == null && tolerance.percentage() == null;
        }
    }

    /**
     * The join's counters once a branch's end is counted: {@code done} ends and {@code failed}
     * failures so far. {@code fresh} is false when this end had been counted before (a replayed
     * end: the numbers are then the current ones, not the ones its count produced); {@code closed}
     * is true when the join had already closed.
     */
    public record Count(int done, int failed, boolean fresh, boolean closed) {
    }

    /** How a branch ended: succeeded, or failed with an error and cause. */
    public record BranchEnd(boolean failed, String error, String cause) {
        public static final BranchEnd SUCCEEDED = new BranchEnd(false, null, null);

        public static BranchEnd failed(String error, String cause) {
            return new BranchEnd(true, error, cause);
        }
    }

    /** What a runner does after counting a branch's end. */
    public sealed interface Decision {
        /** Nothing: branches are still running and no start is owed (or another end closes the join). */
        record Wait() implements Decision {
        }

        /** Start these branches, by index. */
        record Start(List<Integer> indices) implements Decision {
            public Start {
                indices = List.copyOf(indices);
            }
        }

        /** Close the join: every branch ended and the failures are tolerated. The state resumes with the outputs. */
        record Succeed() implements Decision {
        }

        /** Close the join failed: the state resumes with this error and cause (its Retry/Catch decide). */
        record Fail(String error, String cause) implements Decision {
        }

        /**
         * The join had closed before this replayed end was counted: resume the state again, in
         * case the end that closed it stopped before resuming it (resuming twice resumes once).
         */
        record AlreadyClosed() implements Decision {
        }
    }

    private static final Decision WAIT = new Decision.Wait();

    /**
     * A Distributed Map's Map Run, whose children are too many to count on one item: they are
     * numbered in chunks of at most {@code chunkSize} (the pages its items are read in), and
     * each chunk counts its children's ends once on an item of its own; a chunk whose children
     * all ended counts once into its group, a group into the run's root. MaxConcurrency is kept
     * without a shared counter: the first {@code window} chunks start at once, and the n-th end
     * counted in chunk c starts the n-th child of chunk c + window (all of them once chunk c has
     * ended), so at most window × chunkSize ≤ MaxConcurrency children run at once.
     */
    public record RunJoin(int chunkSize, int window, FailureTolerance tolerance) {
        /** The most children a chunk holds: its counter item keeps the set of those counted (a few bytes each). */
        public static final int CHUNK = 250;
        /** Chunks a group counts. */
        public static final int GROUP = 1000;
        /** AWS: a Distributed Map runs up to 10,000 child executions at once, MaxConcurrency 0 included. */
        public static final int MAX_CONCURRENCY = 10_000;

        /**
         * A run's join for the state's MaxConcurrency (0: AWS's 10,000): as few chunks at once as
         * hold it, each as large as they can be evenly, so window × chunkSize falls short of
         * MaxConcurrency by less than the window (999: 4 chunks of 249).
         */
        public static RunJoin of(int maxConcurrency, FailureTolerance tolerance) {
            int concurrency = effective(maxConcurrency);
            int window = (concurrency + CHUNK - 1) / CHUNK;
            return new RunJoin(concurrency / window, window, tolerance);
        }

        /**
         * UpdateMapRun set MaxConcurrency: the same chunks, another window (at least one chunk, so
         * a MaxConcurrency below the chunk size runs one chunk at once).
         */
        public RunJoin withMaxConcurrency(int maxConcurrency) {
            return new RunJoin(chunkSize, Math.max(1, effective(maxConcurrency) / chunkSize), tolerance);
        }

        public RunJoin withTolerance(FailureTolerance other) {
            return new RunJoin(chunkSize, window, other);
        }

        private static int effective(int maxConcurrency) {
            return maxConcurrency <= 0 || maxConcurrency > MAX_CONCURRENCY ? MAX_CONCURRENCY : maxConcurrency;
        }

        public static int groupOf(int chunk) {
            return chunk / GROUP;
        }

        /**
         * How many children of chunk {@code chunk} (of {@code size}) have been started once its
         * predecessor in the window (chunk - window) counted {@code predecessorDone} ends, or
         * ended ({@code predecessorComplete}).
         */
        public int started(int chunk, int size, int predecessorDone, boolean predecessorComplete) {
            return chunk < window || predecessorComplete ? size : Math.min(size, predecessorDone);
        }

        /**
         * The starts a child's end counted in {@code chunk} owes in chunk + window: a fresh end
         * the one its count allows, a replayed one every start the ends so far allow (a started
         * child starts only once), an end that completed its chunk the rest of that chunk.
         */
        public Starts afterEnd(int chunk, ChunkCount count) {
            int from = count.fresh() ? count.done() - 1 : 0;
            return new Starts(chunk + window, from, count.complete() ? Integer.MAX_VALUE : count.done());
        }

        /**
         * The run's decision once {@code failed} of its children failed (of {@code total}, negative
         * while its ItemReader reads) and, when {@code allEnded}, every child ended.
         */
        public Decision closing(long failed, long total, boolean allEnded) {
            if (failed > 0 && tolerance.isExceeded(failed, total)) {
                return new Decision.Fail(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD.aslName(), FailureTolerance.EXCEEDED_CAUSE);
            }
            return allEnded ? new Decision.Succeed() : WAIT;
        }
    }

    /** A chunk's count after a child's end: {@code done} ends so far, {@code complete} when all its children ended. */
    public record ChunkCount(int done, boolean complete, boolean fresh) {
    }

    /** Start children {@code from} (inclusive) to {@code to} (exclusive, clamped to the chunk's size) of chunk {@code chunk}. */
    public record Starts(int chunk, int from, int to) {
    }

    /** The decision after counting {@code end}, which brought the join's counters to {@code count}. */
    public static Decision ended(Join join, Count count, BranchEnd end) {
        if (count.closed()) {
            return count.fresh() ? WAIT : new Decision.AlreadyClosed();
        }
        if (join.tolerance().isExceeded(count.failed(), join.total())) {
            if (!join.failsWithBranchError()) {
                // Any end may close it: the error does not depend on which branch ends it.
                return new Decision.Fail(StatesError.EXCEED_TOLERATED_FAILURE_THRESHOLD.aslName(), FailureTolerance.EXCEEDED_CAUSE);
            }
            // Without tolerance the first failure exceeds it: that failure's own count (or its replay) closes the join.
            return end.failed() ? new Decision.Fail(end.error(), end.cause()) : WAIT;
        }
        if (count.done() == join.total()) {
            return new Decision.Succeed();
        }
        // A fresh end owes the start its own end allows; a replayed one cannot know which start it
        // owed, so it owes every start the ends so far allow (a started branch starts only once).
        List<Integer> starts = indices(join.started(count.fresh() ? count.done() - 1 : 0), join.started(count.done()));
        return starts.isEmpty() ? WAIT : new Decision.Start(starts);
    }

    private static List<Integer> indices(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** A failed branch's place in the state's result, when its failure is tolerated: its error and cause. */
    public static ObjectNode failedOutput(String error, String cause) {
        return Json.object().put("Error", error).put("Cause", cause);
    }
}
