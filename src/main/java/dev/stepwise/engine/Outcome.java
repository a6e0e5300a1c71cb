package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What a step decided. The engine only decides; the runtime applies the outcome: stores and
 * schedules the next step, runs the task, starts the branches, or ends the frame.
 */
public sealed interface Outcome {

    /**
     * Which of the state's Retriers or Catchers (its index in Retry or Catch) took which error: the
     * decision TestState shows as {@code inspectionData.errorDetails}.
     */
    record Handled(String error, String cause, int index) {
    }

    /**
     * Run {@code next} now (a transition to the next state in the same frame); {@code caught} is
     * the Catcher that chose it, or null for the state's own transition.
     */
    record Continue(Step next, Handled caught) implements Outcome {
        public Continue(Step next) {
            this(next, null);
        }
    }

    /**
     * Run {@code next} at {@code until} (a Wait state, or a retry's back-off); {@code retry} is the
     * Retrier that decided the back-off, or null for a Wait.
     */
    record Sleep(Instant until, Step next, Handled retry) implements Outcome {
        public Sleep(Instant until, Step next) {
            this(until, next, null);
        }
    }

    /**
     * Run the task, then {@code then} with its result in place of {@link Resumption.TaskPending}.
     * {@code waitsFor} says whether the result is the call's response or comes later (a callback,
     * a child execution's end, an activity worker); see {@link TaskWait}.
     */
    record RunTask(TaskRequest request, Step.Resume then, TaskWait waitsFor) implements Outcome {
    }

    /**
     * Start these branches (at most {@code maxConcurrency} at once; 0 means no limit). When all
     * have succeeded, or one failure is more than {@code tolerance} allows, run {@code join} with
     * the results in place of {@link Resumption.BranchesPending}. With a {@code mapRun} (a
     * Distributed Map) each branch is a child execution of the run instead, and any failure
     * more than tolerated fails the run with States.ExceedToleratedFailureThreshold.
     */
    record FanOut(List<Step.StartBranch> branches, int maxConcurrency, FailureTolerance tolerance,
                  Step.Resume join, MapRun mapRun) implements Outcome {
        public FanOut {
            branches = List.copyOf(branches);
        }

        /** Branches of this execution (a Parallel state, an inline Map). */
        public FanOut(List<Step.StartBranch> branches, int maxConcurrency, FailureTolerance tolerance, Step.Resume join) {
            this(branches, maxConcurrency, tolerance, join, null);
        }
    }

    /** The frame ended successfully; for the root frame the execution has succeeded. */
    record FrameSucceeded(JsonNode output) implements Outcome {
    }

    /** The frame ended with an error; for the root frame the execution has failed. */
    record FrameFailed(String error, String cause) implements Outcome {
    }
}
