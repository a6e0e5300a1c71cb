package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.path.Bindings;

/** A parsed {@code States.Name(...)} call, top-level or nested as another call's argument. */
final class FunctionCall implements Argument {
    private final IntrinsicFunction function;
    private final Argument[] arguments;

    FunctionCall(IntrinsicFunction function, Argument[] arguments) {
        this.function = function;
        this.arguments = arguments;
    }

    @Override
    public JsonNode evaluate(Bindings bindings) {
        JsonNode[] values = new JsonNode[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].evaluate(bindings);
        }
        return function.apply(values, bindings);
    }

    IntrinsicFunction function() {
        return function;
    }
}
