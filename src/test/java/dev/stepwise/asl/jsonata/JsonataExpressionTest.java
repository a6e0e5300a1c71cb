package dev.stepwise.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.PathSyntaxException;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonataExpressionTest {
    private static JsonNode states(String input) {
        return Json.parse("{\"input\": " + input + ", \"context\": {}}");
    }

    private static JsonNode eval(String expression, String input, Map<String, JsonNode> variables) {
        return JsonataExpression.compile(expression).evaluate(states(input), variables, new SplittableRandom(1));
    }

    private static JsonNode eval(String expression) {
        return eval(expression, "{}", Map.of());
    }

    private static StatesFailure failure(String expression) {
        return assertThrows(StatesFailure.class, () -> eval(expression));
    }

    @Test
    void readsTheStateInputThroughStates() {
        // AWS's conversion example: "title": "{% $states.input.title %}" with input {"title": "Doctor"}.
        assertEquals("\"Doctor\"", Json.write(eval("$states.input.title", "{\"title\": \"Doctor\"}", Map.of())));
    }

    @Test
    void readsWorkflowVariablesAsDollarNames() {
        // AWS's example: "name": "{% $customerName %}" with customerName assigned "María".
        JsonNode name = eval("$customerName", "{}", Map.of("customerName", Json.NODES.textNode("María")));
        assertEquals("María", name.textValue());
    }

    @Test
    void keepsWholeResultsIntegral() {
        assertEquals("3", Json.write(eval("1 + 2")));
        assertTrue(eval("1 + 2").isIntegralNumber());
        assertEquals("2.5", Json.write(eval("10 / 4")));
        assertEquals("3", Json.write(eval("1.5 * 2")));
    }

    @Test
    void keepsIntegersFromTheInputIntegral() {
        assertEquals("[1,2,3]", Json.write(eval("$states.input.a", "{\"a\": [1, 2, 3]}", Map.of())));
        assertEquals("1.25", Json.write(eval("$states.input.d", "{\"d\": 1.25}", Map.of())));
    }

    @Test
    void tellsNullApartFromNothing() {
        assertTrue(eval("null").isNull());
        assertTrue(eval("$states.input.n", "{\"n\": null}", Map.of()).isNull());
        assertNull(eval("$states.input.missing"));
        assertEquals("{\"a\":null}", Json.write(eval("{'a': null, 'b': $states.input.missing}")));
    }

    @Test
    void reducesASingletonSequenceToItsValueAsJsonataDoes() {
        assertEquals("{\"id\":1}", Json.write(eval("$states.input.items.{'id': id}", "{\"items\": [{\"id\": 1}]}", Map.of())));
        assertEquals("[{\"id\":1}]", Json.write(eval("[$states.input.items.{'id': id}]", "{\"items\": [{\"id\": 1}]}", Map.of())));
    }

    @Test
    void nowAndMillisAnswerTheTimePassedIn() {
        // JSONata: $now() is the ISO 8601 timestamp of the evaluation, $millis() its epoch milliseconds.
        JsonNode result = JsonataExpression.compile("{'now': $now(), 'millis': $millis(), 'day': $now('[Y0001]-[M01]-[D01]')}")
                .evaluate(states("{}"), Map.of(), new SplittableRandom(1), java.time.Instant.parse("2024-01-01T00:00:00.123Z"));
        assertEquals("{\"now\":\"2024-01-01T00:00:00.123Z\",\"millis\":1704067200123,\"day\":\"2024-01-01\"}", Json.write(result));
    }

    @Test
    void trimsTheExpressionText() {
        assertEquals("$states.input", JsonataExpression.compile("  $states.input \n").text());
    }

    @Test
    void evaluatesBlocksAndLocalBindings() {
        assertEquals("6", Json.write(eval("($x := 2; $y := 3; $x * $y)")));
    }

    @Test
    void statesCannotBeShadowedByAVariable() {
        JsonNode result = eval("$states.input.k", "{\"k\": \"mine\"}", Map.of("states", Json.parse("{\"input\": {\"k\": \"theirs\"}}")));
        assertEquals("mine", result.textValue());
    }

    @Test
    void neverChangesTheNodesItIsGiven() {
        JsonNode input = Json.parse("{\"a\": {\"b\": null}, \"c\": [null, 1]}");
        JsonNode statesVariable = Json.object().set("input", input);
        String before = Json.write(statesVariable);
        JsonataExpression.compile("$states.input").evaluate(statesVariable, Map.of(), new SplittableRandom(1));
        assertEquals(before, Json.write(statesVariable));
    }

    @Test
    void rejectsASyntaxErrorWhenCompiled() {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> JsonataExpression.compile("a[1,2)"));
        assertTrue(e.getMessage().startsWith("INVALID_JSONATA_EXPRESSION: S0202"), e.getMessage());
        assertThrows(PathSyntaxException.class, () -> JsonataExpression.compile("   "));
    }

    @Test
    void anOperatorOnTheWrongTypeFailsWithJsonatasCodeAndMessage() {
        StatesFailure failure = failure("'a' + 1");
        assertEquals("States.QueryEvaluationError", failure.error());
        assertEquals("The JSONata expression ''a' + 1' threw an error during evaluation. "
                + "T2001: The left side of the \"+\" operator must evaluate to a number", failure.cause());
    }

    @Test
    void evalIsNotAvailable() {
        // AWS: "$eval is not available — use $parse instead"; calling it is JSONata's T1006.
        StatesFailure failure = failure("$eval('1 + 1')");
        assertEquals("States.QueryEvaluationError", failure.error());
        assertTrue(failure.cause().endsWith("T1006: Attempted to invoke a non-function"), failure.cause());
    }

    @Test
    void aSignatureMismatchIsWordedAsJsonataJsWordsIt() {
        // jsonata-js's catalog: "Argument {{index}} of function {{token}} does not match function signature".
        StatesFailure failure = failure("$substring('abc', 1, 1, 1)");
        assertTrue(failure.cause().matches(".*T0410: Argument \\d of function \"substring\" does not match function signature"),
                failure.cause());
    }

    @Test
    void aFunctionResultIsNotJson() {
        StatesFailure failure = failure("function($x) { $x }");
        assertEquals("States.QueryEvaluationError", failure.error());
        assertEquals("The JSONata expression 'function($x) { $x }' returned an unsupported result type.", failure.cause());
    }

    @Test
    void aRequiredValueThatIsUndefinedFailsNamingTheField() {
        StatesFailure failure = assertThrows(StatesFailure.class, () -> JsonataExpression.compile("$states.input.pushLocation")
                .evaluateRequired("Arguments/Input/pushLocation", states("{}"), Map.of(), new SplittableRandom(1)));
        assertEquals("States.QueryEvaluationError", failure.error());
        // Recorded on AWS (prefix "An error occurred while executing the state ..." added by the engine).
        assertEquals("The JSONata expression '$states.input.pushLocation' specified for the field "
                + "'Arguments/Input/pushLocation' returned nothing (undefined).", failure.cause());
    }

    @Test
    void aThrowingExpressionInAFieldNamesTheField() {
        StatesFailure failure = assertThrows(StatesFailure.class, () -> JsonataExpression.compile("$abs('x')")
                .evaluateRequired("Output", states("{}"), Map.of(), new SplittableRandom(1)));
        assertTrue(failure.cause().startsWith(
                "The JSONata expression '$abs('x')' specified for the field 'Output' threw an error during evaluation. T0410"),
                failure.cause());
    }

    @Test
    void aRunawayRecursionFailsInsteadOfOverflowing() {
        StatesFailure failure = failure("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1000))");
        assertEquals("States.QueryEvaluationError", failure.error());
        assertTrue(failure.cause().contains("Stack overflow error"), failure.cause());
    }
}
