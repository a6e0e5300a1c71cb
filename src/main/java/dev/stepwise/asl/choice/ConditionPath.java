package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.JsonPath;
import java.util.Optional;

/**
 * The Variable of a Choice Rule, or the operand of a {@code ...Path} operator: a path compiled once
 * and read against the state's effective input ({@code $}) or the context object ({@code $$}).
 */
public record ConditionPath(JsonPath path) {

    /** @throws IllegalArgumentException naming the field when the text is not a path */
    public static ConditionPath compile(String field, JsonNode expression) {
        if (expression == null || !expression.isTextual()) {
            throw new IllegalArgumentException(
                    "Choice Rule field '" + field + "' must be a path string, got " + describe(expression));
        }
        try {
            return new ConditionPath(JsonPath.compile(expression.textValue()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Choice Rule field '" + field + "' is not a valid path '"
                    + expression.textValue() + "': " + e.getMessage(), e);
        }
    }

    /** The selected value, or empty when the path matches nothing. */
    public Optional<JsonNode> find(Bindings bindings) {
        return path.read(bindings).filter(value -> !value.isMissingNode());
    }

    /**
     * The selected value. AWS fails the execution when a Choice Rule's path matches nothing; only
     * IsPresent may look at an absent field (States Language: "if the Variable-field Path fails to
     * match anything in the input no exception is thrown and the Choice Rule just returns false").
     *
     * @throws StatesFailure States.Runtime with AWS's cause when the path matches nothing
     */
    public JsonNode read(Bindings bindings) {
        return find(bindings).orElseThrow(() -> new StatesFailure(StatesError.RUNTIME, "Invalid path '"
                + path.expression() + "': The choice state's condition path references an invalid value."));
    }

    static String describe(JsonNode node) {
        return node == null || node.isMissingNode() ? "nothing" : node.toString();
    }

    @Override
    public String toString() {
        return path.expression();
    }
}
