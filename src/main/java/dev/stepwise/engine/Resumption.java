package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Why a state continues. */
public sealed interface Resumption {

    /** The retry delay has passed: run the state's work again. */
    record RetryAttempt() implements Resumption {
    }

    /**
     * A Wait state's time has come; {@code output} and {@code variables} are what it passes on,
     * decided when it was entered; {@code assigned} is what its Assign set (null when nothing),
     * for its Exited event.
     */
    record WaitElapsed(JsonNode output, Variables variables, JsonNode assigned) implements Resumption {
        public WaitElapsed(JsonNode output, Variables variables) {
            this(output, variables, null);
        }
    }

    /** The runtime has not run the task yet; it replaces this with a {@link TaskSucceeded} or {@link TaskFailed}. */
    record TaskPending() implements Resumption {
    }

    /**
     * What the runtime already recorded of a task's start before its result came. {@code emit}:
     * the resuming step writes the Started event (a task run within the step, or an activity a
     * worker picked up, named {@code worker}); otherwise the runtime wrote TaskStarted and
     * TaskSubmitted when it submitted the task, or the task never started (an activity that timed
     * out waiting for a worker).
     */
    record TaskStart(boolean emit, String worker) {
        public static final TaskStart IN_STEP = new TaskStart(true, null);
        public static final TaskStart RECORDED = new TaskStart(false, null);

        public static TaskStart pickedUpBy(String worker) {
            return new TaskStart(true, worker);
        }
    }

    record TaskSucceeded(JsonNode output, TaskStart start) implements Resumption {
        public TaskSucceeded(JsonNode output) {
            this(output, TaskStart.IN_STEP);
        }
    }

    record TaskFailed(String error, String cause, TaskStart start) implements Resumption {
        public TaskFailed(String error, String cause) {
            this(error, cause, TaskStart.IN_STEP);
        }
    }

    /** The task's TimeoutSeconds or HeartbeatSeconds passed before its result came. */
    record TaskTimedOut(String error, String cause, TaskStart start) implements Resumption {
    }

    /** The runtime is still running the branches; it replaces this with one of the two below. */
    record BranchesPending() implements Resumption {
    }

    /** Every branch (or item) finished; outputs in branch/item order. */
    record BranchesSucceeded(List<JsonNode> outputs) implements Resumption {
        public BranchesSucceeded {
            outputs = List.copyOf(outputs);
        }
    }

    /** A branch failed (or a Map's tolerated failures were exceeded): the state fails with this error. */
    record BranchesFailed(String error, String cause) implements Resumption {
    }

    /**
     * A Map Run's result as its runtime assembled it: the array of its children's outputs, or
     * what its ResultWriter gives (the run's ARN and where the results went, for an export).
     */
    record MapRunResult(JsonNode result) implements Resumption {
    }

    /**
     * A Map's or Parallel's whole result given at once instead of being built from its branches:
     * TestState's mocked {@code result} (an array, or an object for a Map with a ResultWriter).
     */
    record BranchesMocked(JsonNode result) implements Resumption {
    }
}
