package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/** States.ArrayRange: the integers from the first to the last argument (inclusive) by the step. */
final class StatesArrayRange implements IntrinsicFunction {
    static final String NAME = "States.ArrayRange";
    /** "The newly generated array can't contain more than 1000 items" (AWS docs). */
    static final int MAX_ITEMS = 1000;

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
        int first = ArgumentValues.truncatedInt(arguments[0], NAME);
        int last = ArgumentValues.truncatedInt(arguments[1], NAME);
        int step = ArgumentValues.truncatedInt(arguments[2], NAME);
        // "You must specify a non-zero value for the third argument" (AWS docs).
        if (step == 0) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        // A step pointing away from the last element gives an empty array, as observed on AWS
        // (ArrayRange(5, 1, 1) and ArrayRange(1, 5, -1) are both []).
        long span = (long) last - first;
        long count = span == 0 || (span > 0) == (step > 0) ? span / step + 1 : 0;
        if (count > MAX_ITEMS) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        ArrayNode range = Json.NODES.arrayNode((int) count);
        for (long i = 0, value = first; i < count; i++, value += step) {
            range.add((int) value);
        }
        return range;
    }
}
