package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** States.UUID: "a version 4 universally unique identifier (v4 UUID) generated using random numbers". */
final class StatesUUID implements IntrinsicFunction {
    static final String NAME = "States.UUID";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.exactly(0);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        RandomGenerator random = bindings.random();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return Json.NODES.textNode(new UUID(high, low).toString());
    }
}
