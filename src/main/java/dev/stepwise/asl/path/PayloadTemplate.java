package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compiled Parameters, ResultSelector or ItemSelector object: fields whose names end in
 * {@code .$} take their value from a path or an intrinsic function; others are copied.
 */
public final class PayloadTemplate {

    private PayloadTemplate() {
    }

    /** @throws PathSyntaxException when a {@code .$} field holds neither a path nor an intrinsic call */
    public static PayloadTemplate compile(JsonNode template) {
        throw new UnsupportedOperationException("PayloadTemplate.compile");
    }

    /** @throws dev.stepwise.asl.StatesFailure when a path matches nothing or a function fails */
    public JsonNode evaluate(Bindings bindings) {
        throw new UnsupportedOperationException("PayloadTemplate.evaluate");
    }
}
