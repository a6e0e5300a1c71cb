package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a path or an intrinsic function can see while a state is evaluated: {@code $} is the
 * input, {@code $$} the context object (built only when a path asks for it), {@code $name} a
 * workflow variable, and the random source that States.MathRandom and States.UUID draw from
 * (passed in so tests are deterministic).
 */
public record Bindings(JsonNode input, Supplier<JsonNode> context, RandomGenerator random, Map<String, JsonNode> variables) {

    public static Bindings of(JsonNode input, Supplier<JsonNode> context, RandomGenerator random) {
        return new Bindings(input, context, random, Map.of());
    }

    public static Bindings of(JsonNode input, Supplier<JsonNode> context, RandomGenerator random,
                              Map<String, JsonNode> variables) {
        return new Bindings(input, context, random, variables);
    }

    /** The same view with another {@code $}: how a template sees a task's result, say. */
    public Bindings withInput(JsonNode newInput) {
        return new Bindings(newInput, context, random, variables);
    }

    /** Input only: the context object is empty and randomness is seeded, for tests and tools. */
    public static Bindings ofInput(JsonNode input) {
        return new Bindings(input, MissingNode::getInstance, new java.util.SplittableRandom(0), Map.of());
    }

    public JsonNode contextObject() {
        return context.get();
    }
}
