package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/** States.JsonMerge: a shallow merge of two objects, the second one's fields winning. */
final class StatesJsonMerge implements IntrinsicFunction {
    static final String NAME = "States.JsonMerge";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.exactly(3);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        ObjectNode first = ArgumentValues.object(arguments[0], NAME);
        ObjectNode second = ArgumentValues.object(arguments[1], NAME);
        // "Currently, Step Functions only supports the shallow merging mode; therefore, you must
        // specify the boolean value as false" (AWS docs). Any other non-true flag merges shallowly,
        // as observed on AWS with the string 'false'.
        if (arguments[2].isBoolean() && arguments[2].booleanValue()) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        ObjectNode merged = Json.object();
        merged.setAll(first);
        merged.setAll(second);
        return merged;
    }
}
