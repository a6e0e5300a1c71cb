package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/** A Reference Path used as ResultPath: where a state's result is placed in its input. */
public final class ReferencePath {
    private final String expression;

    private ReferencePath(String expression) {
        this.expression = expression;
    }

    /** @throws PathSyntaxException when the text is not a reference path */
    public static ReferencePath compile(String expression) {
        throw new UnsupportedOperationException("ReferencePath.compile");
    }

    public String expression() {
        return expression;
    }

    /**
     * A new tree: {@code target} with {@code value} placed at this path, creating objects on the
     * way; {@code $} replaces the whole target. The target is not changed.
     *
     * @throws dev.stepwise.asl.StatesFailure States.ResultPathMatchFailure when the path cannot be applied
     */
    public JsonNode put(JsonNode target, JsonNode value) {
        throw new UnsupportedOperationException("ReferencePath.put");
    }

    @Override
    public String toString() {
        return expression;
    }
}
