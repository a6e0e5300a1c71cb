package dev.stepwise.api;

/**
 * A client's mistake, answered as AWS answers it: HTTP 400 and
 * {@code {"__type": code, "message": message}}. Codes are the exception names of the Step
 * Functions API reference; messages follow AWS's wording where it was recorded.
 */
public final class ApiException extends RuntimeException {
    private final String code;
    private final int status;

    public ApiException(String code, String message) {
        this(code, message, 400);
    }

    public ApiException(String code, String message, int status) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    // Messages recorded on AWS (LocalStack snapshots, tests/aws/services/stepfunctions/v2/test_sfn_api.snapshot.json).

    public static ApiException stateMachineDoesNotExist(String arn) {
        return new ApiException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    public static ApiException stateMachineAlreadyExists(String arn) {
        return new ApiException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }

    public static ApiException executionDoesNotExist(String arn) {
        return new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }

    public static ApiException executionAlreadyExists(String arn) {
        return new ApiException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
    }

    public static ApiException invalidArn(String reason) {
        return new ApiException("InvalidArn", "Invalid Arn: '" + reason + "'");
    }

    public static ApiException invalidName(String name) {
        return new ApiException("InvalidName", "Invalid Name: '" + name + "'");
    }

    public static ApiException invalidExecutionInput(String reason) {
        return new ApiException("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + reason + "'");
    }

    public static ApiException invalidToken(String reason) {
        return new ApiException("InvalidToken", "Invalid Token: '" + reason + "'");
    }

    /** Recorded on AWS (test_sfn_api_aliasing, test_update_no_such_alias_arn). */
    public static ApiException resourceNotFound() {
        return new ApiException("ResourceNotFound", "Request references a resource that does not exist.");
    }

    /** Coral's constraint message: {@code 1 validation error detected: Value 'x' at 'field' failed to satisfy constraint: ...}. */
    public static ApiException validation(Object value, String field, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new ApiException("ValidationException", "1 validation error detected: Value " + shown + " at '" + field
                + "' failed to satisfy constraint: " + constraint);
    }

    /** The same for members AWS marks sensitive (definition, input): the value is not echoed. */
    public static ApiException validationOfSensitive(String field, String constraint) {
        return new ApiException("ValidationException", "1 validation error detected: Value at '" + field
                + "' failed to satisfy constraint: " + constraint);
    }

    public static ApiException serialization(String message) {
        return new ApiException("SerializationException", message);
    }
}
