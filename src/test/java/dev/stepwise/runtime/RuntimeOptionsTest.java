package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The time scale: how long the runtime really waits for a sleep the engine asked for. */
class RuntimeOptionsTest {
    static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    static final Instant IN_AN_HOUR = NOW.plusSeconds(3600);

    @Test
    void realTimeIsTheDefault() {
        assertEquals(IN_AN_HOUR, RuntimeOptions.defaults().scaled(NOW, IN_AN_HOUR));
    }

    @Test
    void aScaleOfZeroEndsEverySleepNowAndAHundredthShortensItAHundredfold() {
        assertEquals(NOW, RuntimeOptions.defaults().withTimeScale(0).scaled(NOW, IN_AN_HOUR));
        assertEquals(NOW.plusSeconds(36), RuntimeOptions.defaults().withTimeScale(0.01).scaled(NOW, IN_AN_HOUR));
    }

    @Test
    void aTimeAlreadyPastStaysAsItIs() {
        assertEquals(NOW.minusSeconds(5), RuntimeOptions.defaults().withTimeScale(0.5).scaled(NOW, NOW.minusSeconds(5)));
    }

    @Test
    void theScaleIsAFiniteNumberNotBelowZero() {
        assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.defaults().withTimeScale(-1));
        assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.defaults().withTimeScale(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RuntimeOptions.defaults().withTimeScale(Double.POSITIVE_INFINITY));
    }
}
