package dev.stepwise.tasks.mock;

import java.util.Optional;

/**
 * What mocking must remember per execution: the test case it was started with, and which
 * invocation number each Task attempt got. An attempt is named by its idempotency key, so a
 * redelivered attempt (SQS delivers at least once; a worker may die after the call) gets the
 * number it had and does not advance the count.
 */
public interface MockLedger {

    /** Records the execution's test case; a second call for the same execution keeps the first. */
    void select(String executionArn, TestCaseSelection selection);

    Optional<TestCaseSelection> selection(String executionArn);

    /** The invocation number (0, 1, ...) of this attempt among the invocations of {@code stateName} in the execution. */
    int invocation(String executionArn, String stateName, String idempotencyKey);
}
