package dev.stepwise.asl;

import java.time.Duration;

/**
 * An evaluation passed one of its {@link EvaluationLimits}. Outside JSONata it fails the state as
 * AWS fails a state whose data is too large, States.DataLimitExceeded, or, for the time bound that
 * AWS does not document, as an evaluation that could not complete, States.Runtime (which Retry and
 * Catch do not see, so a poison step is not run again). JSONata reports every kind as
 * States.QueryEvaluationError with {@link #jsonataMessage()}.
 */
public final class EvaluationLimitExceeded extends StatesFailure {
    /** What was exceeded. */
    public enum Kind { TIME, SIZE, NESTING }

    /**
     * jsonata-js's own wording for its time box, which the JSONata library Stepwise uses keeps too.
     */
    public static final String JSONATA_TIMEOUT = "Expression evaluation timeout: Check for infinite loop";
    /** Recorded on AWS for a JSONata value past its memory limit ({@code $range} of 360,146 numbers). */
    public static final String JSONATA_MEMORY_LIMIT = "Expression evaluation memory limit exceeded: Check for excessive memory usage";

    private final Kind kind;

    private EvaluationLimitExceeded(Kind kind, StatesError error, String cause) {
        super(error, cause);
        this.kind = kind;
    }

    public static EvaluationLimitExceeded timeout(Duration timeout) {
        return new EvaluationLimitExceeded(Kind.TIME, StatesError.RUNTIME,
                "The evaluation did not complete within " + seconds(timeout) + ", Stepwise's bound on the evaluations of one step.");
    }

    /** A value built by {@code what} (a path, an intrinsic function) is larger than a payload may be. */
    public static EvaluationLimitExceeded tooLarge(String what, long limitBytes) {
        return new EvaluationLimitExceeded(Kind.SIZE, StatesError.DATA_LIMIT_EXCEEDED,
                "The value built by " + what + " has a size exceeding the maximum number of bytes service limit ("
                        + limitBytes + " bytes).");
    }

    /** A value built by {@code what} nests arrays and objects deeper than any JSON Stepwise accepts. */
    public static EvaluationLimitExceeded tooDeep(String what) {
        return new EvaluationLimitExceeded(Kind.NESTING, StatesError.DATA_LIMIT_EXCEEDED,
                "The value built by " + what + " nests arrays and objects more than "
                        + EvaluationLimits.MAX_NESTING_DEPTH + " levels deep.");
    }

    /** A JSONata value past its size or nesting limit, reported in JSONata's words. */
    public static EvaluationLimitExceeded jsonataMemory() {
        return new EvaluationLimitExceeded(Kind.SIZE, StatesError.QUERY_EVALUATION_ERROR, JSONATA_MEMORY_LIMIT);
    }

    public Kind kind() {
        return kind;
    }

    /** The sentence JSONata reports this failure with, after "threw an error during evaluation". */
    public String jsonataMessage() {
        return kind == Kind.TIME ? JSONATA_TIMEOUT : JSONATA_MEMORY_LIMIT;
    }

    private static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " seconds" : millis + " milliseconds";
    }
}
