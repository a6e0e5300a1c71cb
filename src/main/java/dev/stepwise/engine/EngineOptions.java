package dev.stepwise.engine;

import dev.stepwise.asl.EvaluationLimits;
import java.time.Duration;

/**
 * Settings of the interpreter. {@code payloadLimitBytes} is AWS's 256 KiB quota on any state's
 * input or output; {@code region} names the region in history events of service integrations;
 * {@code evaluationTimeout} bounds the time one step may spend evaluating user input (JSONata,
 * regular expressions, paths, templates, intrinsic functions), see {@link EvaluationLimits}.
 */
public record EngineOptions(long payloadLimitBytes, String region, Duration evaluationTimeout) {
    public static final long AWS_PAYLOAD_LIMIT_BYTES = 256 * 1024;

    public EngineOptions(long payloadLimitBytes, String region) {
        this(payloadLimitBytes, region, EvaluationLimits.DEFAULT_TIMEOUT);
    }

    public static EngineOptions defaults() {
        return new EngineOptions(AWS_PAYLOAD_LIMIT_BYTES, "us-east-1");
    }

    /** The same options with another bound on a step's evaluations. */
    public EngineOptions withEvaluationTimeout(Duration timeout) {
        return new EngineOptions(payloadLimitBytes, region, timeout);
    }

    public EvaluationLimits evaluationLimits() {
        return new EvaluationLimits(evaluationTimeout, payloadLimitBytes);
    }
}
