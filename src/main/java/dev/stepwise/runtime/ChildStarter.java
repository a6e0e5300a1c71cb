package dev.stepwise.runtime;

import java.time.Instant;

/**
 * Starts the executions that Task states start ({@code arn:aws:states:::states:startExecution}).
 * Where the Step Functions API runs next to the runtime, it starts them through the API, so a child
 * is validated, listed and described like any execution a client starts; the runtime alone starts
 * them itself.
 */
@FunctionalInterface
public interface ChildStarter {

    record Started(String executionArn, Instant startDate) {
    }

    /**
     * Starts (or, for the same name and input, finds) an execution. {@code input} is JSON text.
     *
     * @throws Rejected with the StartExecution error AWS would answer
     */
    Started start(String stateMachineArn, String name, String input);

    /** StartExecution's refusal: its API error code (e.g. StateMachineDoesNotExist) and message. */
    final class Rejected extends RuntimeException {
        private final String code;

        public Rejected(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
