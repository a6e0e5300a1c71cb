package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.TaskRequest;

/** Task requests as the engine builds them, for the integration tests. */
final class Requests {
    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:machine:run-1";
    static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:machine";

    private Requests() {
    }

    static TaskRequest task(String resource, String parameters) {
        return task(resource, Json.parse(parameters));
    }

    static TaskRequest task(String resource, JsonNode parameters) {
        return new TaskRequest("Task", resource, parameters, 60, null, null, 0, EXECUTION, MACHINE, null);
    }

    /** A request with the state's TimeoutSeconds and HeartbeatSeconds (null: not set). */
    static TaskRequest timed(String resource, String parameters, long timeoutSeconds, Long heartbeatSeconds) {
        return new TaskRequest("Task", resource, Json.parse(parameters), timeoutSeconds, heartbeatSeconds, null, 0,
                EXECUTION, MACHINE, null);
    }
}
