package dev.stepwise.store;

/**
 * How a Map Run ended ({@link TableLayout#MAP_RUN_END}, the first writer wins): when; SUCCEEDED,
 * FAILED or ABORTED; and how many children's results its ResultWriter exported.
 */
public record RunEnd(long stopMillis, String status, long resultsWritten) {
}
