package dev.stepwise.api.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiException;
import dev.stepwise.api.Request;
import dev.stepwise.asl.Json;
import java.util.List;

/**
 * TestState's {@code mock} (MockInput): the state's result, or the error it fails with, in place
 * of calling its resource (a Task) or running its branches (a Map, a Parallel). Checked as AWS
 * checks it; messages recorded on AWS (LocalStack's test_state_mock_validation.snapshot.json and
 * test_test_state_mock_scenarios.snapshot.json).
 */
public record Mock(JsonNode result, String error, String cause, FieldValidation fieldValidation) {

    /** MockInput.fieldValidationMode; STRICT when not given. */
    public enum FieldValidation { STRICT, PRESENT, NONE }

    public boolean isError() {
        return result == null;
    }

    /** The mock of a request, or null when it has none. */
    public static Mock of(Request request) {
        ObjectNode given = request.object("mock");
        if (given == null) {
            return null;
        }
        Request mock = new Request(request.action(), given);
        String result = mock.string("result", 0, 262144, false);
        ObjectNode errorOutput = mock.object("errorOutput");
        String mode = mock.oneOf("fieldValidationMode", List.of("STRICT", "PRESENT", "NONE"));
        FieldValidation validation = mode == null ? FieldValidation.STRICT : FieldValidation.valueOf(mode);
        if ((result == null) == (errorOutput == null)) {
            throw validation("A test mock should have only one of the following fields: [result, errorOutput].");
        }
        if (errorOutput != null) {
            Request error = new Request(request.action(), errorOutput);
            return new Mock(null, error.string("error"), error.string("cause"), validation);
        }
        try {
            return new Mock(Json.parse(result), null, null, validation);
        } catch (IllegalArgumentException e) {
            // Recorded: even with fieldValidationMode NONE the result must be JSON.
            throw validation("Mocked result must be valid JSON");
        }
    }

    static ApiException validation(String message) {
        return new ApiException("ValidationException", message);
    }
}
