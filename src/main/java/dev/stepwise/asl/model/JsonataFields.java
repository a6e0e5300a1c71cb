package dev.stepwise.asl.model;

import dev.stepwise.asl.jsonata.JsonataTemplate;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a state whose QueryLanguage is JSONata, compiled: any of them may hold
 * {@code {% ... %}} expressions (Arguments, Output, Items, ItemSelector, Seconds, Timestamp,
 * TimeoutSeconds, HeartbeatSeconds, Error, Cause, MaxConcurrency, ToleratedFailure*).
 */
public record JsonataFields(Map<String, JsonataTemplate> fields) {
    /** The field names a JSONata state evaluates, per the AWS guide's "Transforming data with JSONata". */
    public static final Set<String> EVALUATED = Set.of("Arguments", "Output", "Items", "ItemSelector", "Seconds",
            "Timestamp", "TimeoutSeconds", "HeartbeatSeconds", "Error", "Cause", "MaxConcurrency",
            "ToleratedFailurePercentage", "ToleratedFailureCount");

    public JsonataFields {
        fields = Map.copyOf(fields);
    }

    /** The compiled field, or null when the state does not set it. */
    public JsonataTemplate get(String name) {
        return fields.get(name);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
