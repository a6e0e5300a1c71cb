package dev.stepwise.runtime;

/**
 * SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat was refused, with the API error code AWS
 * answers: {@code InvalidToken} (not a token of this runtime, or a forged one) or
 * {@code TaskTimedOut} (the task timed out, or was completed, or its execution ended).
 */
public final class TaskCompletionRejected extends RuntimeException {
    public static final String INVALID_TOKEN = "InvalidToken";
    public static final String TASK_TIMED_OUT = "TaskTimedOut";

    private final String code;

    TaskCompletionRejected(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static TaskCompletionRejected invalidToken() {
        return new TaskCompletionRejected(INVALID_TOKEN, "Invalid Token: 'Invalid token'");
    }

    static TaskCompletionRejected timedOut() {
        return new TaskCompletionRejected(TASK_TIMED_OUT, "Task Timed Out: 'Provided task does not exist anymore'");
    }

    public String code() {
        return code;
    }
}
