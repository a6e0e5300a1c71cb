package dev.stepwise.engine;

/**
 * Settings of the interpreter. {@code payloadLimitBytes} is AWS's 256 KiB quota on any state's
 * input or output; {@code region} names the region in history events of service integrations.
 */
public record EngineOptions(long payloadLimitBytes, String region) {
    public static final long AWS_PAYLOAD_LIMIT_BYTES = 256 * 1024;

    public static EngineOptions defaults() {
        return new EngineOptions(AWS_PAYLOAD_LIMIT_BYTES, "us-east-1");
    }
}
