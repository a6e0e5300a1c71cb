package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/** States.MathAdd: the sum of two integers. */
final class StatesMathAdd implements IntrinsicFunction {
    static final String NAME = "States.MathAdd";

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
        long sum = (long) ArgumentValues.roundedInt(arguments[0], NAME) + ArgumentValues.roundedInt(arguments[1], NAME);
        // AWS adds 32-bit integers: MathAdd(2147483647, 1) fails on AWS, MathAdd(2147483646, 1) does not.
        if (sum != (int) sum) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        return Json.NODES.numberNode((int) sum);
    }
}
