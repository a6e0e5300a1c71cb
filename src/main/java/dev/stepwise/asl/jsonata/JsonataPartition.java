package dev.stepwise.asl.jsonata;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * $partition(array, chunkSize): "partition a large array" into chunks of chunkSize, the last one
 * holding the remainder (AWS: {@code $partition([1,2,3,4], 2)} is {@code [[1,2],[3,4]]}).
 *
 * <p>The edges follow what AWS answers: an empty array or a chunk size of zero is undefined, a
 * chunk size left out gives the whole array as one chunk, and a negative one is refused.
 */
final class JsonataPartition implements AwsFunction {
    static final String NAME = "partition";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxArguments() {
        return 2;
    }

    @Override
    public Object call(List<Object> arguments, RandomGenerator random) {
        Object array = AwsFunction.argument(arguments, 0);
        if (array == null) {
            return null;
        }
        if (!(array instanceof List<?> items)) {
            throw new FunctionError("T0412: Argument 1 of function \"partition\" must be an array of undefined");
        }
        if (items.isEmpty()) {
            return null;
        }
        Object sizeArgument = AwsFunction.argument(arguments, 1);
        if (sizeArgument == null) {
            return new ArrayList<>(List.of(new ArrayList<>(items)));
        }
        long size = AwsFunction.integer(sizeArgument, NAME, 2);
        if (size < 0) {
            throw new FunctionError("D3137: Second argument must be zero or greater");
        }
        if (size == 0) {
            return null;
        }
        int chunk = (int) Math.min(size, items.size());
        List<Object> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += chunk) {
            chunks.add(new ArrayList<>(items.subList(from, Math.min(from + chunk, items.size()))));
        }
        return chunks;
    }
}
