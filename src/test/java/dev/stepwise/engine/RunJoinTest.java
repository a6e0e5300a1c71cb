package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A Map Run's fan-in rules ({@link FanIn.RunJoin}), played as the durable runtime applies them:
 * chunks of children whose counts start the children of the chunk one window further on, ends
 * arriving in a random order and some told twice. AWS ("Map state in Distributed mode"):
 * MaxConcurrency bounds the children running at once, 0 means AWS's 10,000; every item runs
 * once; a run with no tolerated failures fails on its first failure with
 * States.ExceedToleratedFailureThreshold; ToleratedFailurePercentage counts against all items.
 */
class RunJoinTest {

    /** Runs {@code total} children (in chunks as the rules cut them) to their ends; returns the most that ran at once. */
    private static int simulate(int total, int maxConcurrency, long seed) {
        FanIn.RunJoin rules = FanIn.RunJoin.of(maxConcurrency, FailureTolerance.NONE);
        int chunk = rules.chunkSize();
        int chunks = (total + chunk - 1) / chunk;
        int[] done = new int[chunks];
        Set<Integer> started = new HashSet<>();
        List<Integer> running = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        // A page's own step starts what the rules allow when it is written (here: all pages up front).
        for (int d = 0; d < chunks; d++) {
            int size = Math.min(chunk, total - d * chunk);
            int predecessor = d - rules.window();
            int allowed = rules.started(d, size, predecessor < 0 ? 0 : done[predecessor], false);
            for (int slot = 0; slot < allowed; slot++) {
                start(d * chunk + slot, started, running);
            }
        }
        int most = running.size();
        while (!running.isEmpty()) {
            int child = running.remove(random.nextInt(running.size()));
            int c = child / chunk;
            int size = Math.min(chunk, total - c * chunk);
            done[c]++;
            boolean told = random.nextInt(10) == 0; // an end told again: counted once, its starts replayed
            for (boolean fresh : told ? new boolean[] {true, false} : new boolean[] {true}) {
                FanIn.Starts starts = rules.afterEnd(c, new FanIn.ChunkCount(done[c], done[c] == size, fresh));
                if (starts.chunk() < chunks) {
                    int targetSize = Math.min(chunk, total - starts.chunk() * chunk);
                    for (int slot = starts.from(); slot < Math.min(starts.to(), targetSize); slot++) {
                        int index = starts.chunk() * chunk + slot;
                        if (!started.contains(index)) {
                            start(index, started, running);
                        }
                    }
                }
            }
            most = Math.max(most, running.size());
        }
        assertEquals(total, started.size(), "every child started once");
        return most;
    }

    private static void start(int index, Set<Integer> started, List<Integer> running) {
        assertTrue(started.add(index), "child " + index + " started twice");
        running.add(index);
    }

    @ParameterizedTest(name = "{0} children, MaxConcurrency {1}: at most {2} run at once")
    @CsvSource({
            "1, 0, 1",
            "7, 1, 1",
            "7, 3, 3",
            "1000, 10, 10",
            "5000, 1000, 1000",
            "5000, 999, 996",
            "30000, 0, 10000",
            "3000, 300, 300"})
    void everyChildStartsOnceAndNoMoreThanMaxConcurrencyRunAtOnce(int total, int maxConcurrency, int bound) {
        for (long seed = 1; seed <= 3; seed++) {
            int most = simulate(total, maxConcurrency, seed);
            assertTrue(most <= bound, most + " ran at once, more than " + bound);
            assertEquals(Math.min(total, bound), most, "the window fills up while there are children to start");
        }
    }

    @Test
    void chunksAndWindowsFollowMaxConcurrencyAndUpdateMapRunKeepsTheChunks() {
        FanIn.RunJoin defaults = FanIn.RunJoin.of(0, FailureTolerance.NONE);
        assertEquals(250, defaults.chunkSize());
        assertEquals(40, defaults.window(), "AWS's 10,000 at once: 40 chunks of 250");
        FanIn.RunJoin one = FanIn.RunJoin.of(1, FailureTolerance.NONE);
        assertEquals(1, one.chunkSize());
        assertEquals(1, one.window());
        assertEquals(3, one.withMaxConcurrency(3).window(), "a higher MaxConcurrency widens the window of the same chunks");
        assertEquals(1, FanIn.RunJoin.of(500, FailureTolerance.NONE).withMaxConcurrency(10).window(),
                "below one chunk, one chunk runs at once");
    }

    @Test
    void aRunFailsOnItsFirstFailureUnlessToleratedAndPercentagesWaitForTheTotal() {
        FanIn.RunJoin strict = FanIn.RunJoin.of(0, FailureTolerance.NONE);
        assertInstanceOf(FanIn.Decision.Fail.class, strict.closing(1, -1, false));
        assertInstanceOf(FanIn.Decision.Wait.class, strict.closing(0, -1, false));
        assertInstanceOf(FanIn.Decision.Succeed.class, strict.closing(0, 5, true));
        FanIn.RunJoin counted = FanIn.RunJoin.of(0, new FailureTolerance(2, null));
        assertInstanceOf(FanIn.Decision.Wait.class, counted.closing(2, -1, false));
        FanIn.Decision.Fail exceeded = assertInstanceOf(FanIn.Decision.Fail.class, counted.closing(3, -1, false));
        assertEquals("States.ExceedToleratedFailureThreshold", exceeded.error());
        FanIn.RunJoin percent = FanIn.RunJoin.of(0, new FailureTolerance(null, 10.0));
        assertInstanceOf(FanIn.Decision.Wait.class, percent.closing(5, -1, false), "the total is not known while the reader reads");
        assertInstanceOf(FanIn.Decision.Fail.class, percent.closing(5, 40, false));
        assertInstanceOf(FanIn.Decision.Succeed.class, percent.closing(4, 40, true));
    }
}
