package dev.stepwise.asl.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps as the States Language defines them: RFC 3339 with an uppercase T, and Z unless an offset is given. */
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2016-03-14T01:59:00Z", "2016-03-14T02:59:00+01:00", "2016-03-13T20:59:00-05:00",
            "2016-03-14T01:59:00.000Z", "2016-03-14T02:59:00.000+01:00"})
    void acceptsTheFormsRfc3339Allows(String text) {
        assertEquals(Optional.of(Instant.parse("2016-03-14T01:59:00Z")), Timestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-03-14T01:59:00", "2016-03-14t01:59:00Z", "2016-03-14T01:59:00z", "2016-03-14 01:59:00Z",
            "2016-03-14T01:59Z", "2016-03-14", "2016-03-14T01:59:00+0100", "2016-03-14T01:59:00+01:00:00",
            "2016-02-30T01:59:00Z", "2016-03-14T24:00:00Z", "2023-02-24 12:15:56.832957", "", " 2016-03-14T01:59:00Z"})
    void rejectsWhatIsNotAnRfc3339TimestampWithUppercaseTAndZ(String text) {
        assertTrue(Timestamps.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-03-14T01:59:00.5Z", "2016-03-14T01:59:00.123456789Z"})
    void keepsFractionalSeconds(String text) {
        assertTrue(Timestamps.parse(text).orElseThrow().isAfter(Instant.parse("2016-03-14T01:59:00Z")));
    }
}
