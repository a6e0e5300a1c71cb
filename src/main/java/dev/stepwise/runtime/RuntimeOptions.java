package dev.stepwise.runtime;

import dev.stepwise.engine.EngineOptions;

/**
 * Settings of the durable runtime. {@code historyLimit}: AWS's 25,000-event quota per execution.
 * {@code maxReceives}: deliveries of one message before it is dead-lettered and its execution
 * failed. {@code accountId}/{@code region} make the ARNs.
 */
public record RuntimeOptions(EngineOptions engine, long historyLimit, int maxReceives, String accountId) {
    public static final long AWS_HISTORY_LIMIT = 25_000;

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(EngineOptions.defaults(), AWS_HISTORY_LIMIT, 5, "123456789012");
    }

    public RuntimeOptions withHistoryLimit(long limit) {
        return new RuntimeOptions(engine, limit, maxReceives, accountId);
    }

    public RuntimeOptions withMaxReceives(int receives) {
        return new RuntimeOptions(engine, historyLimit, receives, accountId);
    }

    public String region() {
        return engine.region();
    }
}
