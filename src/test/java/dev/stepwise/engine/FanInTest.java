package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.asl.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fan-in rules every runner applies to Parallel states, inline Maps and Map Runs. Sources:
 * AWS "Parallel workflow state" (a failed branch fails the state), "Map state" (MaxConcurrency;
 * ToleratedFailureCount/Percentage fail the Map with States.ExceedToleratedFailureThreshold),
 * "Setting failure thresholds for Distributed Map states" (a Map Run fails with that error), and
 * UpdateMapRun (a new MaxConcurrency applies to the rest of the run).
 */
class FanInTest {
    private static final String EXCEEDED = "States.ExceedToleratedFailureThreshold";

    private static FanIn.Join join(int total, int maxConcurrency, String tolerance, boolean mapRun) {
        FailureTolerance tolerated = switch (tolerance) {
            case "none" -> FailureTolerance.NONE;
            case "0%" -> new FailureTolerance(null, 0.0);
            default -> new FailureTolerance(Integer.valueOf(tolerance), null);
        };
        return new FanIn.Join(total, maxConcurrency, tolerated, mapRun);
    }

    private static FanIn.Decision decision(String expected) {
        String[] parts = expected.split(":", 2);
        return switch (parts[0]) {
            case "wait" -> new FanIn.Decision.Wait();
            case "start" -> new FanIn.Decision.Start(Arrays.stream(parts[1].split(" ")).map(Integer::valueOf).toList());
            case "succeed" -> new FanIn.Decision.Succeed();
            case "fail with the branch's error" -> new FanIn.Decision.Fail("Branch.Error", "it broke");
            case "fail as exceeded" -> new FanIn.Decision.Fail(EXCEEDED, FailureTolerance.EXCEEDED_CAUSE);
            case "already closed" -> new FanIn.Decision.AlreadyClosed();
            default -> throw new IllegalArgumentException(expected);
        };
    }

    /**
     * The decision table: a join's settings (branches, MaxConcurrency, tolerated failures, Map
     * Run), its counters once an end was counted, whether that count was fresh (not a replay),
     * whether the join had closed, and how the branch ended.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a Parallel branch that ends while others run waits for them                  | 3 | 0 | none | false | 1 | 0 | true  | false | false | wait
            the last Parallel branch to succeed closes the join succeeded                | 3 | 0 | none | false | 3 | 0 | true  | false | false | succeed
            a failed Parallel branch closes the join with its own error                  | 3 | 0 | none | false | 1 | 1 | true  | false | true  | fail with the branch's error
            a failed last branch closes the join with its own error, not a success       | 3 | 0 | none | false | 3 | 1 | true  | false | true  | fail with the branch's error
            a replayed failure closes the join with its own error again                  | 3 | 0 | none | false | 2 | 1 | false | false | true  | fail with the branch's error
            a success counted after an untolerated failure leaves the close to it        | 3 | 0 | none | false | 2 | 1 | true  | false | false | wait
            a replayed success after an untolerated failure leaves the close to it       | 3 | 0 | none | false | 2 | 1 | false | false | false | wait
            an inline Map end under MaxConcurrency starts the next item                  | 5 | 2 | none | false | 1 | 0 | true  | false | false | start:2
            the third end under MaxConcurrency 2 starts the fifth item                   | 5 | 2 | none | false | 3 | 0 | true  | false | false | start:4
            an end when every item has started starts nothing                            | 5 | 2 | none | false | 4 | 0 | true  | false | false | wait
            the last end under MaxConcurrency closes the join succeeded                  | 5 | 2 | none | false | 5 | 0 | true  | false | false | succeed
            a replayed end starts again every item the ends so far allowed               | 6 | 2 | none | false | 3 | 0 | false | false | false | start:2 3 4
            a replayed end never starts past the last item                               | 4 | 2 | none | false | 3 | 0 | false | false | false | start:2 3
            a replayed end under a MaxConcurrency above the items starts nothing         | 3 | 5 | none | false | 1 | 0 | false | false | false | wait
            an end under a MaxConcurrency above the items starts nothing                 | 3 | 5 | none | false | 1 | 0 | true  | false | false | wait
            a tolerated failure lets the next item start                                 | 5 | 2 | 1    | false | 1 | 1 | true  | false | true  | start:2
            a tolerated failure in the last item still succeeds                          | 5 | 0 | 1    | false | 5 | 1 | true  | false | true  | succeed
            one failure more than tolerated fails the Map as exceeded                    | 5 | 0 | 1    | false | 2 | 2 | true  | false | true  | fail as exceeded
            a tolerance of zero fails the Map as exceeded, not with the item's error     | 5 | 0 | 0    | false | 1 | 1 | true  | false | true  | fail as exceeded
            a percentage of zero fails the Map as exceeded                               | 5 | 0 | 0%   | false | 1 | 1 | true  | false | true  | fail as exceeded
            a success counted once the tolerance is exceeded closes the Map as exceeded  | 5 | 0 | 1    | false | 3 | 2 | true  | false | false | fail as exceeded
            a replayed success once the tolerance is exceeded closes the Map as exceeded | 5 | 0 | 1    | false | 3 | 2 | false | false | false | fail as exceeded
            a Map Run fails as exceeded even without tolerated failures                  | 5 | 0 | none | true  | 1 | 1 | true  | false | true  | fail as exceeded
            a Map Run child's end under MaxConcurrency starts the next child             | 5 | 1 | none | true  | 1 | 0 | true  | false | false | start:1
            the last Map Run child to succeed closes the run succeeded                   | 2 | 0 | none | true  | 2 | 0 | true  | false | false | succeed
            a Map Run whose lowered tolerance is exceeded is closed by a success too     | 5 | 0 | 0    | true  | 2 | 1 | true  | false | false | fail as exceeded
            a fresh end of a closed join does nothing: the closer resumes the state      | 3 | 0 | none | false | 2 | 1 | true  | true  | true  | wait
            a replayed end of a closed join resumes its state again                      | 3 | 0 | none | false | 3 | 0 | false | true  | false | already closed
            """)
    void decidesWhatFollowsABranchEnd(String sentence, int total, int maxConcurrency, String tolerance, boolean mapRun,
                                      int done, int failed, boolean fresh, boolean closed, boolean endFailed, String expected) {
        FanIn.BranchEnd end = endFailed ? FanIn.BranchEnd.failed("Branch.Error", "it broke") : FanIn.BranchEnd.SUCCEEDED;
        assertEquals(decision(expected),
                FanIn.ended(join(total, maxConcurrency, tolerance, mapRun), new FanIn.Count(done, failed, fresh, closed), end));
    }

    @Test
    void withoutMaxConcurrencyEveryBranchStartsAtOnce() {
        assertEquals(List.of(0, 1, 2, 3), join(4, 0, "none", false).initialStarts());
    }

    @Test
    void maxConcurrencyBoundsTheFirstStarts() {
        assertEquals(List.of(0, 1), join(5, 2, "none", false).initialStarts());
        assertEquals(List.of(0, 1, 2), join(3, 5, "none", false).initialStarts(), "never more than the branches");
        assertEquals(List.of(0, 1, 2), join(3, Integer.MAX_VALUE, "none", false).initialStarts(), "without overflow");
    }

    @Test
    void eachEndUnderMaxConcurrencyStartsOneMoreBranchUntilAllHaveStarted() {
        FanIn.Join join = join(5, 2, "none", false);
        assertEquals(List.of(2, 3, 4, 5, 5, 5), List.of(join.started(0), join.started(1), join.started(2), join.started(3),
                join.started(4), join.started(5)));
    }

    @Test
    void updateMapRunStartsEveryChildTheNewMaxConcurrencyAllows() {
        FanIn.Join join = join(10, 2, "none", true);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), join.allowedBy(5, 3), "five more than the three that ended");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), join.allowedBy(0, 3), "0 lifts the limit");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), join.allowedBy(20, 3), "never more than the children");
    }

    @Test
    void aRedrivenFanOutStartsItsUnsuccessfulBranchesAtOnce() {
        FanIn.Join redriven = join(10, 2, "1", true).redriven();
        assertEquals(new FanIn.Join(10, 0, new FailureTolerance(1, null), true), redriven);
        assertEquals(10, redriven.initialStarts().size());
    }

    @Test
    void aFanOutOutcomeGivesItsJoinSettings() {
        List<Step.StartBranch> branches = List.of(new Step.StartBranch(Frame.ROOT.child("M", 0), Json.object()),
                new Step.StartBranch(Frame.ROOT.child("M", 1), Json.object()));
        Step.Resume join = new Step.Resume(Frame.ROOT, new StateVisit("M", Json.object(), 2, java.time.Instant.EPOCH, List.of(),
                Variables.NONE), new Resumption.BranchesPending());
        FailureTolerance tolerance = new FailureTolerance(null, 50.0);
        assertEquals(new FanIn.Join(2, 1, tolerance, false), FanIn.Join.of(new Outcome.FanOut(branches, 1, tolerance, join)));
    }

    @Test
    void aToleratedFailureTakesItsPlaceInTheResultAsItsErrorAndCause() {
        assertEquals(Json.parse("{\"Error\":\"Branch.Error\",\"Cause\":\"it broke\"}"), FanIn.failedOutput("Branch.Error", "it broke"));
    }
}
