package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Map failure thresholds (AWS: "Setting failure thresholds for Distributed Map states"). */
class FailureToleranceTest {

    @Test
    void withoutThresholdsOneFailureFailsTheMap() {
        assertTrue(FailureTolerance.NONE.isExceeded(1, 100));
        assertFalse(FailureTolerance.NONE.isExceeded(0, 100));
    }

    @Test
    void aCountThresholdFailsOnlyWhenMoreItemsFailThanTolerated() {
        FailureTolerance two = new FailureTolerance(2, null);
        assertFalse(two.isExceeded(2, 10));
        assertTrue(two.isExceeded(3, 10));
    }

    @Test
    void aPercentageThresholdComparesFailedItemsWithAllItems() {
        FailureTolerance tenPercent = new FailureTolerance(null, 10.0);
        assertFalse(tenPercent.isExceeded(1, 10));
        assertTrue(tenPercent.isExceeded(2, 10));
    }

    @Test
    void withBothThresholdsTheMapFailsWhenEitherIsExceeded() {
        FailureTolerance both = new FailureTolerance(5, 10.0);
        assertTrue(both.isExceeded(6, 100), "over the count, under the percentage");
        assertTrue(both.isExceeded(2, 10), "under the count, over the percentage");
        assertFalse(both.isExceeded(1, 10));
    }
}
