package dev.stepwise.engine;

/** The error causes the interpreter writes itself, worded as AWS words them. */
final class Causes {
    private Causes() {
    }

    /** AWS prefixes failures of a state's own processing with where it happened. */
    static String atState(String stateName, long enteredEventId, String detail) {
        return "An error occurred while executing the state '" + stateName + "' (entered at the event id #"
                + enteredEventId + "). " + detail;
    }

    static String dataLimitExceeded(String stateName) {
        return "The state/task '" + stateName + "' returned a result with a size exceeding the maximum number of bytes service limit.";
    }

    static String noChoiceMatched() {
        return "No Matches!";
    }
}
