package dev.stepwise.engine;

/** The error causes the interpreter writes itself, worded as AWS words them. */
public final class Causes {
    /** AWS's ExecutionTimedOut carries States.Timeout; this cause is Stepwise's own wording. */
    static final String EXECUTION_TIMED_OUT = "The execution timed out";

    private Causes() {
    }

    /** AWS prefixes failures of a state's own processing with where it happened. */
    static String atState(String stateName, long enteredEventId, String detail) {
        return "An error occurred while executing the state '" + stateName + "' (entered at the event id #"
                + enteredEventId + "). " + detail;
    }

    public static String dataLimitExceeded(String stateName) {
        return "The state/task '" + stateName + "' returned a result with a size exceeding the maximum number of bytes service limit.";
    }

    /** AWS documents no nesting limit; this follows the wording of its payload-quota cause. */
    static String nestedTooDeep(String stateName) {
        return "The state/task '" + stateName + "' returned a result nesting arrays and objects more than "
                + dev.stepwise.asl.EvaluationLimits.MAX_NESTING_DEPTH + " levels deep.";
    }

    // AWS documents the variable limits but not the cause it writes when they are exceeded; these
    // follow the wording of its payload-quota cause.
    static String variableTooLarge(String stateName, String variable) {
        return "The state '" + stateName + "' assigned the variable '" + variable
                + "' a value with a size exceeding the maximum number of bytes service limit (256 KiB per variable).";
    }

    static String assignTooLarge(String stateName) {
        return "The state '" + stateName
                + "' assigned variables with a combined size exceeding the maximum number of bytes service limit (256 KiB per Assign).";
    }

    static String variablesTooLarge(String stateName) {
        return "The state '" + stateName
                + "' assigned variables whose total size exceeds the maximum number of bytes service limit (10 MiB).";
    }

    static String noChoiceMatched() {
        return "No Matches!";
    }

    // Recorded on AWS: the detail of the States.Runtime failure of a Task whose activity does not exist.
    static String activityDoesNotExist(String activityArn) {
        return "The activity " + activityArn + " does not exist.";
    }

    // Stepwise's own wording: AWS documents the history quota but not this cause.
    static String historyLimit(long limit) {
        return "The execution reached the maximum number of history events (" + limit + ").";
    }
}
