package dev.stepwise.asl.intrinsic;

import static dev.stepwise.asl.intrinsic.Intrinsics.assertInvalidArguments;
import static dev.stepwise.asl.intrinsic.Intrinsics.assertJson;
import static dev.stepwise.asl.intrinsic.Intrinsics.evaluate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** States.MathAdd, MathRandom and UUID. */
class MathAndIdFunctionsTest {

    @Test
    void mathAddSubtractsOneFromTheDocsExample() {
        JsonNode sum = evaluate("States.MathAdd(111, -1)");
        assertJson("110", sum);
        assertTrue(sum.isInt(), "an integer stays an integer");
        assertJson("3", evaluate("States.MathAdd(1, 2)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-9, 3           | -6",
        "1.49, 1.5       | 3",
        "1.5, 1.51       | 4",
        "-1.49, -1.5     | -2",
        "-1.5, -1.51     | -3",
        "1.6, 2.7        | 5",
        "0.1, 0.2        | 0",
        "2147483646, 1   | 2147483647",
        "-2147483647, -1 | -2147483648",
    })
    void mathAddRoundsHalfUpAsRecordedOnAws(String arguments, String sum) {
        // LocalStack's test_math_add snapshot recorded on AWS, and the AWS-run conformance suite.
        assertJson(sum, evaluate("States.MathAdd(" + arguments + ")"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.MathAdd(2147483647, 1)",
        "States.MathAdd(-2147483648, -1)",
        "States.MathAdd(3000000000, 1)",
        "States.MathAdd('a', 1)",
        "States.MathAdd(1, '1')",
        "States.MathAdd(null, 1)",
        "States.MathAdd(true, 1)",
        "States.MathAdd(-1, States.Array(1))",
    })
    void mathAddRejectsNonNumbersAndSumsBeyondThirtyTwoBits(String expression) {
        assertInvalidArguments(expression, "States.MathAdd");
    }

    @Test
    void mathRandomStaysWithinStartInclusiveEndExclusive() {
        IntrinsicFunctions.IntrinsicCall call = IntrinsicFunctions.parse("States.MathRandom(1, 4)");
        Bindings bindings = Bindings.of(Json.object(), Json::object, new SplittableRandom(7));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            JsonNode value = call.evaluate(bindings);
            assertTrue(value.isInt());
            seen.add(value.intValue());
        }
        assertEquals(Set.of(1, 2, 3), seen);
        assertJson("3", evaluate("States.MathRandom(3, 4)"));
    }

    @Test
    void mathRandomDrawsFromTheBindingsRandomSource() {
        IntrinsicFunctions.IntrinsicCall call = IntrinsicFunctions.parse("States.MathRandom(1, 999)");
        JsonNode first = call.evaluate(Bindings.of(Json.object(), Json::object, new SplittableRandom(42)));
        JsonNode again = call.evaluate(Bindings.of(Json.object(), Json::object, new SplittableRandom(42)));
        assertEquals(first, again);
    }

    @Test
    void mathRandomWithASeedReturnsTheSameNumberEveryTime() {
        // "If you use this function with the same seed value, it returns an identical number" (AWS docs).
        IntrinsicFunctions.IntrinsicCall call = IntrinsicFunctions.parse("States.MathRandom(1, 1000, 42)");
        Set<JsonNode> values = new HashSet<>();
        for (long source = 0; source < 20; source++) {
            values.add(call.evaluate(Bindings.of(Json.object(), Json::object, new SplittableRandom(source))));
        }
        assertEquals(1, values.size());
        int value = values.iterator().next().intValue();
        assertTrue(value >= 1 && value < 1000);
        assertNotEquals(evaluate("States.MathRandom(1, 1000000, 1)"), evaluate("States.MathRandom(1, 1000000, 2)"));
        assertTrue(evaluate("States.MathRandom(1, 10, -10)").intValue() >= 1);
        int nearMax = evaluate("States.MathRandom(2147483640, 2147483647, 1)").intValue();
        assertTrue(nearMax >= 2147483640 && nearMax < 2147483647);
    }

    @Test
    void mathRandomTruncatesFractionalBounds() {
        for (int i = 0; i < 50; i++) {
            int value = evaluate("States.MathRandom(1.6, 2.4, " + i + ")").intValue();
            assertEquals(1, value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.MathRandom(1, 1)",
        "States.MathRandom(10, 5)",
        "States.MathRandom(1.4, 1.6)",
        "States.MathRandom(1.49, 1.49)",
        "States.MathRandom('a', 10)",
        "States.MathRandom(1, 'b')",
        "States.MathRandom(1, 10, 'seed')",
        "States.MathRandom(1, 10, null)",
    })
    void mathRandomRejectsAnEmptyRangeAndNonNumbers(String expression) {
        assertInvalidArguments(expression, "States.MathRandom");
    }

    @Test
    void uuidIsAVersionFourUuidDrawnFromTheBindingsRandomSource() {
        IntrinsicFunctions.IntrinsicCall call = IntrinsicFunctions.parse("States.UUID()");
        String first = call.evaluate(Bindings.of(Json.object(), Json::object, new SplittableRandom(1))).textValue();
        String same = call.evaluate(Bindings.of(Json.object(), Json::object, new SplittableRandom(1))).textValue();
        String other = call.evaluate(Bindings.of(Json.object(), Json::object, new SplittableRandom(2))).textValue();
        assertEquals(first, same);
        assertNotEquals(first, other);
        UUID uuid = UUID.fromString(first);
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
        assertTrue(first.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), first);
    }
}
