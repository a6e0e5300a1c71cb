package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A state name that some field (Next, Default, a choice rule's or catcher's Next) transitions to.
 * A {@code guessed} one comes from a field already reported as broken (a misspelt {@code Nxt}, a
 * state of an unknown Type): it makes its target reachable, so the one finding is not followed by
 * "not reachable" for a state the author did link, and it reports no missing target of its own.
 */
record TransitionTarget(String target, String location, boolean guessed) {
    TransitionTarget(String target, String location) {
        this(target, location, false);
    }

    /** Adds a guessed transition to {@code value} when it is a state name. */
    static void guess(List<TransitionTarget> transitions, JsonNode value, String location) {
        if (value != null && value.isTextual()) {
            transitions.add(new TransitionTarget(value.textValue(), location, true));
        }
    }
}
