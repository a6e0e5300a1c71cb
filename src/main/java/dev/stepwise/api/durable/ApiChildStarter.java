package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.asl.Json;
import dev.stepwise.runtime.ChildStarter;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Starts a Task state's child execution through the Step Functions API, as AWS's integration
 * calls StartExecution: the same validation and errors, and the child is listed and described
 * like any other execution.
 */
public final class ApiChildStarter implements ChildStarter {
    private final StepFunctionsApi api;

    public ApiChildStarter(StepFunctionsApi api) {
        this.api = api;
    }

    @Override
    public Started start(String stateMachineArn, String name, String input) {
        String request = Json.write(Json.object().put("stateMachineArn", stateMachineArn).put("name", name).put("input", input));
        ApiResponse response = api.handle(StepFunctionsApi.TARGET_PREFIX + "StartExecution", request);
        JsonNode body = Json.parse(response.body());
        if (response.status() != 200) {
            throw new Rejected(body.path("__type").asText("InternalFailure"), body.path("message").asText(""));
        }
        BigDecimal seconds = body.get("startDate").decimalValue();
        Instant startDate = Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        return new Started(body.get("executionArn").asText(), startDate);
    }
}
