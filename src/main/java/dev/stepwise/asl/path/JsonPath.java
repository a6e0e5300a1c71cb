package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A compiled JSONPath as AWS Step Functions evaluates it: {@code $} selects the input,
 * {@code $$} the context object.
 */
public final class JsonPath {
    private final String expression;

    private JsonPath(String expression) {
        this.expression = expression;
    }

    /** @throws PathSyntaxException when the text is not a JSONPath */
    public static JsonPath compile(String expression) {
        throw new UnsupportedOperationException("JsonPath.compile");
    }

    public String expression() {
        return expression;
    }

    /** True when the path can only ever select one value (no wildcard, slice, union, filter or "..") . */
    public boolean isDefinite() {
        throw new UnsupportedOperationException("JsonPath.isDefinite");
    }

    /** True for a Reference Path: names and single indexes only, as ResultPath requires. */
    public boolean isReferencePath() {
        throw new UnsupportedOperationException("JsonPath.isReferencePath");
    }

    /** True when the path starts at the context object ({@code $$}). */
    public boolean isContextPath() {
        throw new UnsupportedOperationException("JsonPath.isContextPath");
    }

    /**
     * The selected value. A definite path that matches nothing gives empty; an indefinite path
     * gives the array of its matches (possibly empty).
     */
    public Optional<JsonNode> read(Bindings bindings) {
        throw new UnsupportedOperationException("JsonPath.read");
    }

    @Override
    public String toString() {
        return expression;
    }
}
