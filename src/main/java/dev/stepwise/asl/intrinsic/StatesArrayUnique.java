package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;
import java.util.HashSet;
import java.util.Set;

/** States.ArrayUnique: the array without duplicate values, first occurrences kept in order. */
final class StatesArrayUnique implements IntrinsicFunction {
    static final String NAME = "States.ArrayUnique";

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
        ArrayNode array = ArgumentValues.array(arguments[0], NAME);
        Set<String> seen = new HashSet<>();
        ArrayNode unique = Json.NODES.arrayNode();
        for (JsonNode element : array) {
            if (seen.add(ArgumentValues.canonical(element))) {
                unique.add(element);
            }
        }
        return unique;
    }
}
