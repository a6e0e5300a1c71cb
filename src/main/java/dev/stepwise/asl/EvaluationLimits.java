package dev.stepwise.asl;

import java.time.Duration;

/**
 * The bounds on evaluating user input (JSONata, regular expressions, intrinsic functions, JSONPath,
 * payload templates) within one step: how long it may take, and how large and how deeply nested the
 * values it builds may be. Sizes are deterministic and decide first; the time bound is a backstop
 * for work that sizes cannot see (a regular expression that backtracks, a loop that never ends).
 *
 * @param timeout      how long the evaluations of one step may take together
 * @param payloadBytes AWS's quota on a state's input or output (256 KiB); a value built by a path,
 *                     a template or an intrinsic function may not be larger
 */
public record EvaluationLimits(Duration timeout, long payloadBytes) {
    /** Ten seconds, the bound Stepwise kept on a JSONata evaluation before it bounded the rest. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The deepest nesting of arrays and objects in any value: Jackson's default for the JSON text it
     * reads (StreamReadConstraints), so whatever the API accepts can be evaluated, and nothing built
     * deeper reaches the store.
     */
    public static final int MAX_NESTING_DEPTH = 1000;
    /**
     * A JSONata value may be larger than a payload while it is being built ({@code $string} of the
     * whole input, say), but not by more than this factor.
     */
    static final int JSONATA_VALUE_FACTOR = 10;

    public EvaluationLimits {
        if (timeout.isNegative() || timeout.isZero() || payloadBytes <= 0) {
            throw new IllegalArgumentException("evaluation limits must be positive: " + timeout + ", " + payloadBytes);
        }
    }

    public static EvaluationLimits defaults() {
        return new EvaluationLimits(DEFAULT_TIMEOUT, 256 * 1024);
    }

    /** The largest value a JSONata expression may build, in bytes of its compact JSON text. */
    public long jsonataValueBytes() {
        return payloadBytes * JSONATA_VALUE_FACTOR;
    }
}
