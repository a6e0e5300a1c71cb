package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.port.TaskPort;
import dev.stepwise.asl.Json;

/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: the ways a worker or a callback hands a
 * waiting task its end. Lengths as the API reference gives them: taskToken 1–2048, output up to
 * 262,144 bytes (valid JSON, else InvalidOutput), error up to 256 and cause up to 32,768 characters.
 */
final class TaskTokenActions {
    static final int MAX_TOKEN = 2048;
    static final int MAX_OUTPUT = 262_144;

    private final ApiContext context;

    TaskTokenActions(ApiContext context) {
        this.context = context;
    }

    JsonNode success(Request request) {
        String token = token(request);
        String output = request.string("output", 0, Integer.MAX_VALUE, true);
        if (output.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_OUTPUT) {
            throw ApiException.validationOfSensitive("output", "Member must have length less than or equal to " + MAX_OUTPUT);
        }
        JsonNode parsed;
        try {
            parsed = Json.parseUserValue(output);
        } catch (RuntimeException e) {
            throw new ApiException("InvalidOutput", "Invalid Output: '" + e.getMessage() + "'");
        }
        return call(() -> context.tasks().success(token, parsed));
    }

    JsonNode failure(Request request) {
        String token = token(request);
        String error = request.string("error", 0, 256, false);
        String cause = request.string("cause", 0, 32_768, false);
        return call(() -> context.tasks().failure(token, error, cause));
    }

    JsonNode heartbeat(Request request) {
        String token = token(request);
        return call(() -> context.tasks().heartbeat(token));
    }

    private static String token(Request request) {
        return request.string("taskToken", 1, MAX_TOKEN, true);
    }

    private static JsonNode call(Runnable completion) {
        try {
            completion.run();
        } catch (TaskPort.Rejected rejected) {
            throw new ApiException(rejected.code(), rejected.getMessage());
        }
        return Json.object();
    }
}
