package dev.stepwise.asl.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.Bindings;

/** Shared helpers: evaluate an expression, and check AWS's failure for it. */
final class Intrinsics {

    private Intrinsics() {
    }

    static JsonNode evaluate(String expression) {
        return evaluate(expression, "{}");
    }

    static JsonNode evaluate(String expression, String input) {
        return IntrinsicFunctions.parse(expression).evaluate(Bindings.ofInput(Json.parse(input)));
    }

    static JsonNode json(String text) {
        return Json.parse(text);
    }

    /** Compares as JSON text, so 1.5 read by the parser equals a literal 1.5 kept as a decimal. */
    static void assertJson(String expected, JsonNode actual) {
        assertEquals(Json.write(Json.parse(expected)), Json.write(actual));
    }

    /** AWS: States.Runtime, "The function '<expression>' had the following error: <detail>". */
    static void assertFails(String expression, String detail) {
        assertFails(expression, "{}", detail);
    }

    static void assertFails(String expression, String input, String detail) {
        IntrinsicFunctions.IntrinsicCall call = IntrinsicFunctions.parse(expression);
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> call.evaluate(Bindings.ofInput(Json.parse(input))));
        assertEquals("States.Runtime", failure.error());
        assertEquals("The function '" + expression + "' had the following error: " + detail, failure.cause());
    }

    static void assertInvalidArguments(String expression, String function) {
        assertFails(expression, "Invalid arguments in " + function);
    }
}
