package dev.stepwise.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.template.PayloadTemplate;

/**
 * Task: one unit of work done by the resource its ARN names. Timeouts are either fixed
 * (seconds, null when absent) or read from a path at run time.
 */
public record TaskState(String name, DataPaths paths, PayloadTemplate parameters, PayloadTemplate resultSelector,
                        String resource, Integer timeoutSeconds, JsonPath timeoutSecondsPath,
                        Integer heartbeatSeconds, JsonPath heartbeatSecondsPath, JsonNode credentials,
                        ErrorHandling errors, Transition transition, Assignment assign,
                        JsonataFields jsonata) implements State {
    /** The spec's default when a Task sets no TimeoutSeconds: 99999999 seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 99_999_999;

    @Override
    public String type() {
        return "Task";
    }
}
