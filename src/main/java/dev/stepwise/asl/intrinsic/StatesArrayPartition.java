package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/** States.ArrayPartition: the array cut into chunks of the given size, the last one possibly shorter. */
final class StatesArrayPartition implements IntrinsicFunction {
    static final String NAME = "States.ArrayPartition";

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
        ArrayNode array = ArgumentValues.array(arguments[0], NAME);
        int chunkSize = ArgumentValues.truncatedInt(arguments[1], NAME);
        // "You must specify a non-zero, positive integer for the second argument" (AWS docs).
        if (chunkSize <= 0) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        ArrayNode chunks = Json.NODES.arrayNode();
        ArrayNode chunk = null;
        for (int i = 0; i < array.size(); i++) {
            if (i % chunkSize == 0) {
                chunk = chunks.addArray();
            }
            chunk.add(array.get(i));
        }
        return chunks;
    }
}
