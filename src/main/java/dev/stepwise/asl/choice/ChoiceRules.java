package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/** Builds {@link ChoiceRule}s from the JSON of a (validated) Choice state. */
public final class ChoiceRules {

    private ChoiceRules() {
    }

    /** A rule from its JSON (top-level rules carry Next, which is read by the caller). */
    public static ChoiceRule parse(JsonNode rule) {
        throw new UnsupportedOperationException("ChoiceRules.parse");
    }
}
