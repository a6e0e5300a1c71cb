package dev.stepwise.asl.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * $range(start, end, step): the numbers from start to end by step, end included when a step lands
 * on it (AWS: {@code $range(0, 10, 2)} is {@code [0,2,4,6,8,10]}).
 *
 * <p>A step left out, zero, or pointing away from end is undefined, and a range of one value is
 * that number rather than a one-element array, as JSONata reduces a singleton sequence.
 */
final class JsonataRange implements AwsFunction {
    static final String NAME = "range";
    /** AWS refuses one element more than this with its evaluation memory limit. */
    static final long MAX_ELEMENTS = 360_145;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxArguments() {
        return 3;
    }

    @Override
    public Object call(List<Object> arguments, RandomGenerator random) {
        long start = AwsFunction.integer(AwsFunction.argument(arguments, 0), NAME, 1);
        long end = AwsFunction.integer(AwsFunction.argument(arguments, 1), NAME, 2);
        Object stepArgument = AwsFunction.argument(arguments, 2);
        if (stepArgument == null) {
            return null;
        }
        long step = AwsFunction.integer(stepArgument, NAME, 3);
        if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) {
            return null;
        }
        if (start == end) {
            return start;
        }
        // Counted before building: a step near Long.MAX_VALUE would wrap an accumulating loop.
        long count = Math.abs((end - start) / step) + 1;
        if (count > MAX_ELEMENTS) {
            throw new FunctionError(JsonataCauses.MEMORY_LIMIT_EXCEEDED);
        }
        List<Object> values = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            values.add(start + i * step);
        }
        return values;
    }
}
