package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.stepwise.asl.path.Bindings;

/** States.ArrayContains: whether the value is an element of the array (JSON equality). */
final class StatesArrayContains implements IntrinsicFunction {
    static final String NAME = "States.ArrayContains";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.exactly(2);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        JsonNode lookingFor = arguments[1];
        for (JsonNode element : ArgumentValues.array(arguments[0], NAME)) {
            if (ArgumentValues.sameValue(element, lookingFor)) {
                return BooleanNode.TRUE;
            }
        }
        return BooleanNode.FALSE;
    }
}
