package dev.stepwise.asl;

/**
 * A failure raised while evaluating a state, named as AWS names it. The error name is what
 * Retry and Catch match on; the cause is the text AWS puts in the history event.
 */
public class StatesFailure extends RuntimeException {
    private final String error;
    private final String cause;

    public StatesFailure(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public StatesFailure(StatesError error, String cause) {
        this(error.aslName(), cause);
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
