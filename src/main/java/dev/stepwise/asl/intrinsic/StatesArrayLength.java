package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/** States.ArrayLength: the number of elements of the array. */
final class StatesArrayLength implements IntrinsicFunction {
    static final String NAME = "States.ArrayLength";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.exactly(1);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        return Json.NODES.numberNode(ArgumentValues.array(arguments[0], NAME).size());
    }
}
