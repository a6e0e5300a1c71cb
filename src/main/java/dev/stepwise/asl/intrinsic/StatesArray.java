package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/** States.Array: "returns a JSON array containing the Values of the arguments, in the order provided". */
final class StatesArray implements IntrinsicFunction {
    static final String NAME = "States.Array";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.atLeast(0);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        ArrayNode array = Json.NODES.arrayNode(arguments.length);
        for (JsonNode argument : arguments) {
            array.add(argument);
        }
        return array;
    }
}
