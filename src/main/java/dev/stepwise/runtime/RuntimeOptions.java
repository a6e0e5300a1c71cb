package dev.stepwise.runtime;

import dev.stepwise.engine.EngineOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Settings of the durable runtime. {@code historyLimit}: AWS's 25,000-event quota per execution.
 * {@code maxReceives}: deliveries of one message before it is dead-lettered and its execution
 * failed. {@code accountId}/{@code region} make the ARNs. {@code timeScale}: for tests, the
 * factor applied to the time the runtime actually waits for a Wait state or a retry back-off
 * (1 = real time, 0.01 = 100× shorter, 0 = at once); history events keep the real values.
 * {@code startCheckSeconds}: how long after a start its check message comes (see {@link ExecutionStarts}).
 */
public record RuntimeOptions(EngineOptions engine, long historyLimit, int maxReceives, String accountId, double timeScale,
                             int startCheckSeconds) {
    public static final long AWS_HISTORY_LIMIT = 25_000;

    public RuntimeOptions {
        if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("the time scale is a number ≥ 0, not " + timeScale);
        }
    }

    public RuntimeOptions(EngineOptions engine, long historyLimit, int maxReceives, String accountId, double timeScale) {
        this(engine, historyLimit, maxReceives, accountId, timeScale, ExecutionStarts.CHECK_SECONDS);
    }

    public RuntimeOptions(EngineOptions engine, long historyLimit, int maxReceives, String accountId) {
        this(engine, historyLimit, maxReceives, accountId, 1.0);
    }

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(EngineOptions.defaults(), AWS_HISTORY_LIMIT, 5, "123456789012");
    }

    public RuntimeOptions withEngine(EngineOptions options) {
        return new RuntimeOptions(options, historyLimit, maxReceives, accountId, timeScale, startCheckSeconds);
    }

    public RuntimeOptions withHistoryLimit(long limit) {
        return new RuntimeOptions(engine, limit, maxReceives, accountId, timeScale, startCheckSeconds);
    }

    public RuntimeOptions withMaxReceives(int receives) {
        return new RuntimeOptions(engine, historyLimit, receives, accountId, timeScale, startCheckSeconds);
    }

    public RuntimeOptions withTimeScale(double scale) {
        return new RuntimeOptions(engine, historyLimit, maxReceives, accountId, scale, startCheckSeconds);
    }

    public RuntimeOptions withStartCheckSeconds(int seconds) {
        return new RuntimeOptions(engine, historyLimit, maxReceives, accountId, timeScale, seconds);
    }

    public String region() {
        return engine.region();
    }

    /** When a sleep from {@code now} until {@code until} ends on this runtime's time scale. */
    public Instant scaled(Instant now, Instant until) {
        if (timeScale == 1.0 || !until.isAfter(now)) {
            return until;
        }
        long millis = Duration.between(now, until).toMillis();
        return now.plusMillis((long) Math.ceil(millis * timeScale));
    }
}
