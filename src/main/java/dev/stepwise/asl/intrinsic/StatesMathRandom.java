package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * States.MathRandom: a random integer from the start (inclusive) to the end (exclusive). "If you
 * use this function with the same seed value, it returns an identical number" (AWS docs).
 */
final class StatesMathRandom implements IntrinsicFunction {
    static final String NAME = "States.MathRandom";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.between(2, 3);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        int start = ArgumentValues.truncatedInt(arguments[0], NAME);
        int end = ArgumentValues.truncatedInt(arguments[1], NAME);
        RandomGenerator random = arguments.length == 3
                ? new SplittableRandom(ArgumentValues.truncatedInt(arguments[2], NAME))
                : bindings.random();
        // The end is exclusive: observed on AWS, MathRandom(1, 1), MathRandom(10, 5) and
        // MathRandom(1.4, 1.6) (both bounds cut to 1) fail.
        if (start >= end) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        return Json.NODES.numberNode(random.nextInt(start, end));
    }
}
