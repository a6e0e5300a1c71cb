package dev.stepwise.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;

/**
 * What a queue message carries: a pointer to a stored step ({@code execution}, {@code step} key),
 * never the step's payload, so a message is a few hundred bytes whatever the state's data.
 * {@code step} may also name the execution's check ({@link #CHECK}: its start finished, its
 * first step run, its TimeoutSeconds kept).
 */
public record StepMessage(String execution, String step, boolean recovered) {
    public static final String CHECK = "CHECK";

    public StepMessage(String execution, String step) {
        this(execution, step, false);
    }

    /**
     * A message re-sent by the recovery of a runner that was killed: it is handled like a
     * redelivery (its step may have been half done when the runner died).
     */
    public static StepMessage recovery(String execution, String step) {
        return new StepMessage(execution, step, true);
    }

    public String toJson() {
        ObjectNode json = Json.object();
        json.put("e", execution);
        json.put("s", step);
        if (recovered) {
            json.put("r", true);
        }
        return Json.write(json);
    }

    public static StepMessage fromJson(String text) {
        JsonNode json = Json.parse(text);
        if (!json.hasNonNull("e") || !json.hasNonNull("s")) {
            throw new IllegalArgumentException("not a step message: " + text);
        }
        return new StepMessage(json.get("e").asText(), json.get("s").asText(), json.path("r").asBoolean(false));
    }
}
