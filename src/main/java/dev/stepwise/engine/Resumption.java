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

    record TaskSucceeded(JsonNode output) implements Resumption {
    }

    record TaskFailed(String error, String cause) implements Resumption {
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
}
