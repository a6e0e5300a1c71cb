package dev.stepwise.asl.jsonata;

import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** $uuid(): "a v4 UUID generated using random numbers", drawn from the execution's random source. */
final class JsonataUuid implements AwsFunction {
    static final String NAME = "uuid";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxArguments() {
        return 0;
    }

    @Override
    public Object call(List<Object> arguments, RandomGenerator random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
