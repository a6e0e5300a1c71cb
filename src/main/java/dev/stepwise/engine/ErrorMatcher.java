package dev.stepwise.engine;

import dev.stepwise.asl.StatesError;
import java.util.List;

/** Decides whether a Retrier's or Catcher's ErrorEquals list matches an error name. */
public final class ErrorMatcher {
    private ErrorMatcher() {
    }

    public static boolean matches(List<String> errorEquals, String error) {
        // AWS: a States.Runtime error "isn't retriable and will always cause the execution to fail";
        // "States.ALL ... can't catch ... Runtime error types". The guide says the same of
        // States.DataLimitExceeded, but executions recorded on AWS show a Task's oversized result
        // failing the task with States.DataLimitExceeded that Catch (even States.ALL) handles, so
        // only States.Runtime is terminal here.
        if (isTerminal(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error) || name.equals(StatesError.ALL.aslName())) {
                return true;
            }
            // "When used in a retry or catch, States.TaskFailed acts as a wildcard that matches any
            // known error name except for States.Timeout."
            if (name.equals(StatesError.TASK_FAILED.aslName()) && !StatesError.TIMEOUT.aslName().equals(error)) {
                return true;
            }
        }
        return false;
    }

    static boolean isTerminal(String error) {
        // A SendTaskFailure may give no error at all (recorded on AWS: States.ALL still catches it).
        return StatesError.RUNTIME.aslName().equals(error);
    }
}
