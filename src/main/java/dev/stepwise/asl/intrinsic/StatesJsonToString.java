package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/** States.JsonToString: the compact JSON text of the value. */
final class StatesJsonToString implements IntrinsicFunction {
    static final String NAME = "States.JsonToString";

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
        return Json.NODES.textNode(Json.write(arguments[0]));
    }
}
