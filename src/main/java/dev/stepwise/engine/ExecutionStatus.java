package dev.stepwise.engine;

/** An execution's status, as the Step Functions API reports it. */
public enum ExecutionStatus {
    RUNNING(false, false),
    SUCCEEDED(true, true),
    FAILED(true, false),
    TIMED_OUT(true, false),
    ABORTED(true, false),
    PENDING_REDRIVE(false, false);

    private final boolean terminal;
    private final boolean successful;

    ExecutionStatus(boolean terminal, boolean successful) {
        this.terminal = terminal;
        this.successful = successful;
    }

    public boolean isTerminal() {
        return terminal;
    }

    public boolean isSuccessful() {
        return successful;
    }
}
