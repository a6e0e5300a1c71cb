package dev.stepwise.asl.jsonata;

import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * $random([seed]): a number in [0, 1). Unlike JSONata's own $random, AWS's takes an optional
 * integer seed and "will return the same value" for the same seed. Seeded, AWS answers what a
 * {@code java.util.Random} seeded alike draws first ({@code $random(42)} is 0.7275636800328681 on
 * AWS), so a seeded call is a pure function and owes nothing to the execution's random source.
 */
final class JsonataRandom implements AwsFunction {
    static final String NAME = "random";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxArguments() {
        return 1;
    }

    @Override
    public Object call(List<Object> arguments, RandomGenerator random) {
        Object seed = AwsFunction.argument(arguments, 0);
        if (seed == null) {
            return random.nextDouble();
        }
        return new Random(AwsFunction.integer(seed, NAME, 1)).nextDouble();
    }
}
