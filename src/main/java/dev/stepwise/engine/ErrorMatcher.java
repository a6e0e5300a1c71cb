package dev.stepwise.engine;

import dev.stepwise.asl.StatesError;
import java.util.List;

/** Decides whether a Retrier's or Catcher's ErrorEquals list matches an error name. */
final class ErrorMatcher {
    private ErrorMatcher() {
    }

    static boolean matches(List<String> errorEquals, String error) {
        // AWS: States.DataLimitExceeded and States.Runtime are terminal: "States.ALL ... can't catch
        // the States.DataLimitExceeded terminal error or Runtime error types", and a States.Runtime
        // error "isn't retriable and will always cause the execution to fail".
        if (isTerminal(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error) || name.equals(StatesError.ALL.aslName())) {
                return true;
            }
            // "When used in a retry or catch, States.TaskFailed acts as a wildcard that matches any
            // known error name except for States.Timeout."
            if (name.equals(StatesError.TASK_FAILED.aslName()) && !error.equals(StatesError.TIMEOUT.aslName())) {
                return true;
            }
        }
        return false;
    }

    static boolean isTerminal(String error) {
        return error.equals(StatesError.RUNTIME.aslName()) || error.equals(StatesError.DATA_LIMIT_EXCEEDED.aslName());
    }
}
