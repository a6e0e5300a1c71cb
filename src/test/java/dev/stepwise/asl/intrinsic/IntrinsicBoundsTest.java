package dev.stepwise.asl.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.Bindings;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * Intrinsic functions repeat and nest their arguments, so what they build is checked against the
 * payload quota as it is built: past it the state fails with States.DataLimitExceeded, AWS's error
 * for data over its size quota (deterministic, no clock involved).
 */
class IntrinsicBoundsTest {
    /** 100 KB: fine alone, three of them are not. */
    private static final String INPUT = "{\"big\": \"" + "x".repeat(100_000) + "\", \"list\": [1, 2, 3]}";

    private static String repeated(String argument, int times) {
        return String.join(", ", Collections.nCopies(times, argument));
    }

    private static String failure(String expression) {
        IntrinsicFunctions.IntrinsicCall call = IntrinsicFunctions.parse(expression);
        StatesFailure failure = assertThrows(StatesFailure.class, () -> call.evaluate(Bindings.ofInput(Json.parse(INPUT))));
        assertEquals("States.DataLimitExceeded", failure.error(), failure.cause());
        return failure.cause();
    }

    @Test
    void aFormatRepeatingALargeArgumentFailsAsItPassesThePayloadQuota() {
        String cause = failure("States.Format('" + "{}".repeat(1000) + "', " + repeated("$.big", 1000) + ")");
        assertEquals("The value built by the intrinsic function States.Format has a size exceeding the maximum number"
                + " of bytes service limit (262144 bytes).", cause);
    }

    @Test
    void anArrayOfRepeatedArgumentsFailsBeforeItIsPrinted() {
        assertTrue(failure("States.JsonToString(States.Array(" + repeated("$.big", 3) + "))")
                .contains("the intrinsic function States.Array"));
    }

    @Test
    void nestedCallsThatDoubleAValueFailAtTheDoublingThatPassesTheQuota() {
        String nested = "$.big";
        for (int i = 0; i < 3; i++) {
            nested = "States.Array(" + nested + ", " + nested + ")";
        }
        assertTrue(failure(nested).contains("States.Array"));
    }

    @Test
    void callsWithinTheQuotaAreUnchanged() {
        Intrinsics.assertJson("\"a-1\"", Intrinsics.evaluate("States.Format('{}-{}', 'a', 1)"));
        Intrinsics.assertJson("[[1,2,3],[1,2,3]]", Intrinsics.evaluate("States.Array($.list, $.list)", INPUT));
    }
}
