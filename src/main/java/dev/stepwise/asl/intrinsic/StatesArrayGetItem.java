package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stepwise.asl.path.Bindings;

/** States.ArrayGetItem: the element at the given (zero-based) index. */
final class StatesArrayGetItem implements IntrinsicFunction {
    static final String NAME = "States.ArrayGetItem";

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
        int index = ArgumentValues.truncatedInt(arguments[1], NAME);
        // Observed on AWS by an AWS-run conformance suite: any index into an empty array gives null,
        // while an index outside a non-empty array ([10,20,30] at 3 or -1) fails.
        if (array.isEmpty()) {
            return NullNode.getInstance();
        }
        if (index < 0 || index >= array.size()) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        return array.get(index);
    }
}
