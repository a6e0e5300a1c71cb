package dev.stepwise.store;

/** UpdateMapRun's settings for a Map Run ({@link TableLayout#MAP_RUN_SETTINGS}); null leaves the state's. */
public record RunSettings(Integer maxConcurrency, Integer toleratedFailureCount, Double toleratedFailurePercentage) {
    public static final RunSettings NONE = new RunSettings(null, null, null);

    /** These settings with what an update sets (null: unchanged). */
    public RunSettings updated(Integer maxc, Integer count, Double percentage) {
        return new RunSettings(maxc != null ? maxc : maxConcurrency, count != null ? count : toleratedFailureCount,
                percentage != null ? percentage : toleratedFailurePercentage);
    }
}
