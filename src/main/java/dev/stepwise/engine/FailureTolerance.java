package dev.stepwise.engine;

/**
 * How many failed items a Map may have and still succeed (ToleratedFailureCount/Percentage).
 * Parallel states and Maps without the fields tolerate none.
 */
public record FailureTolerance(Integer count, Double percentage) {
    public static final FailureTolerance NONE = new FailureTolerance(null, null);
    /** AWS's cause for States.ExceedToleratedFailureThreshold. */
    public static final String EXCEEDED_CAUSE = "The specified tolerated failure threshold was exceeded";

    /** True when {@code failed} of {@code total} items is more than tolerated: the Map fails. */
    public boolean isExceeded(int failed, int total) {
        return isExceeded((long) failed, (long) total);
    }

    /**
     * The same for a Map Run, whose {@code total} is not known (negative) while its ItemReader
     * is still reading: only ToleratedFailureCount can be exceeded then.
     */
    public boolean isExceeded(long failed, long total) {
        if (failed == 0) {
            return false;
        }
        if (count == null && percentage == null) {
            return true;
        }
        // AWS: with both thresholds set, "the Map Run fails when it exceeds either threshold".
        boolean overCount = count != null && failed > count;
        boolean overPercentage = percentage != null && total > 0 && failed * 100.0 / total > percentage;
        return overCount || overPercentage;
    }
}
