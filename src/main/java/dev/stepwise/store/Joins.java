package dev.stepwise.store;

/** The join item of a fan-out: its branches counted once each, and closed once. */
public interface Joins {

    /** Counts branch {@code index} of a join once, however often it is called. */
    JoinCount countBranch(String executionArn, String joinKey, int index, boolean failed);

    /** Sets a pending join's state ("succeeded"/"failed") once; true when this call set it. */
    boolean closeJoin(String executionArn, String joinKey, String state, String error, String cause);
}
