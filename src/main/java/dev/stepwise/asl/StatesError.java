package dev.stepwise.asl;

/**
 * The predefined error names of the States Language ("States." prefix is reserved).
 * Custom errors (a Task's own error names) are plain strings; these are the ones the
 * interpreter raises or matches specially.
 */
public enum StatesError {
    ALL("States.ALL"),
    BRANCH_FAILED("States.BranchFailed"),
    DATA_LIMIT_EXCEEDED("States.DataLimitExceeded"),
    EXCEED_TOLERATED_FAILURE_THRESHOLD("States.ExceedToleratedFailureThreshold"),
    HEARTBEAT_TIMEOUT("States.HeartbeatTimeout"),
    HTTP_SOCKET("States.Http.Socket"),
    INTRINSIC_FAILURE("States.IntrinsicFailure"),
    ITEM_READER_FAILED("States.ItemReaderFailed"),
    NO_CHOICE_MATCHED("States.NoChoiceMatched"),
    PARAMETER_PATH_FAILURE("States.ParameterPathFailure"),
    PERMISSIONS("States.Permissions"),
    QUERY_EVALUATION_ERROR("States.QueryEvaluationError"),
    RESULT_PATH_MATCH_FAILURE("States.ResultPathMatchFailure"),
    RESULT_WRITER_FAILED("States.ResultWriterFailed"),
    RUNTIME("States.Runtime"),
    TASK_FAILED("States.TaskFailed"),
    TIMEOUT("States.Timeout");

    private final String aslName;

    StatesError(String aslName) {
        this.aslName = aslName;
    }

    public String aslName() {
        return aslName;
    }

    @Override
    public String toString() {
        return aslName;
    }
}
