package dev.stepwise.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The six functions AWS adds to JSONata. Happy paths are AWS's documented examples; edge answers
 * and error wordings are what AWS returns as measured against it (see each function's class).
 */
class AwsFunctionsTest {
    private static JsonNode eval(String expression, RandomGenerator random) {
        return JsonataExpression.compile(expression).evaluate(Json.parse("{\"input\": {}}"), Map.of(), random);
    }

    private static JsonNode eval(String expression) {
        return eval(expression, new SplittableRandom(1));
    }

    private static String json(String expression) {
        JsonNode value = eval(expression);
        return value == null ? "undefined" : Json.write(value);
    }

    private static String cause(String expression) {
        StatesFailure failure = assertThrows(StatesFailure.class, () -> eval(expression));
        assertEquals("States.QueryEvaluationError", failure.error());
        String prefix = "The JSONata expression '" + expression + "' threw an error during evaluation";
        assertTrue(failure.cause().startsWith(prefix), failure.cause());
        return failure.cause().substring(prefix.length() + 2);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            // AWS docs: "$partition([1,2,3,4], 2)" returns [[1,2], [3,4]].
            "$partition([1,2,3,4], 2)                 | [[1,2],[3,4]]",
            "$partition([1,2,3,4,5,6,7,8,9], 3)       | [[1,2,3],[4,5,6],[7,8,9]]",
            "$partition([1,2,3,4,5], 2)               | [[1,2],[3,4],[5]]",
            "$partition([1,2,3], 10)                  | [[1,2,3]]",
            "$partition([1,2,3,4,5], 2.9)             | [[1,2],[3,4],[5]]",
            "$partition([1,2,3])                      | [[1,2,3]]",
            "$partition([], 2)                        | undefined",
            "$partition([1,2], 0)                     | undefined",
            // AWS docs: "$range(0, 10, 2)" returns [0, 2, 4, 6, 8, 10].
            "$range(0, 10, 2)                         | [0,2,4,6,8,10]",
            "$range(0, 9, 2)                          | [0,2,4,6,8]",
            "$range(10, 0, -5)                        | [10,5,0]",
            "$range(3, 3, 1)                          | 3",
            "$range(0, 10, -1)                        | undefined",
            "$range(0, 10, 0)                         | undefined",
            "$range(0, 10)                            | undefined",
            // FIPS 180 / RFC 1321 test vectors.
            "$hash('abc', 'SHA-256')                  | \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
            "$hash('abc', 'MD5')                      | \"900150983cd24fb0d6963f7d28e17f72\"",
            "$hash('abc', 'SHA-1')                    | \"a9993e364706816aba3e25717850c26c9cd0d89d\"",
            "$hash('abc')                             | undefined",
            // AWS docs: "$parse($states.input.json_string)" deserializes stringified JSON.
            "$parse('{\"a\": [1, 2.5, null]}')        | {\"a\":[1,2.5,null]}",
            "$parse('\"text\"')                       | \"text\"",
            "$parse('null')                           | null",
    })
    void answersAsAwsDoes(String expression, String expected) {
        assertEquals(expected, json(expression.trim()));
    }

    @Test
    void aSeededRandomIsTheFirstDrawOfAJavaRandomWithThatSeed() {
        // AWS answers 0.7275636800328681 for $random(42).
        assertEquals("0.7275636800328681", json("$random(42)"));
        assertEquals(json("$random(7)"), json("$random(7)"));
        assertNotEquals(json("$random(7)"), json("$random(8)"));
    }

    @Test
    void anUnseededRandomDrawsFromTheRandomSourcePassedIn() {
        double expected = new SplittableRandom(5).nextDouble();
        assertEquals(expected, eval("$random()", new SplittableRandom(5)).doubleValue());
        double value = eval("$random()", new SplittableRandom(6)).doubleValue();
        assertTrue(value >= 0 && value < 1);
    }

    @Test
    void uuidIsAVersion4UuidFromTheRandomSource() {
        String uuid = eval("$uuid()", new SplittableRandom(3)).textValue();
        assertTrue(uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), uuid);
        assertEquals(uuid, eval("$uuid()", new SplittableRandom(3)).textValue());
        assertNotEquals(uuid, eval("$uuid()", new SplittableRandom(4)).textValue());
    }

    @Test
    void parseRefusesTextThatIsNotJson() {
        assertEquals("D3137: Invalid JSON", cause("$parse('{\"a\": ')"));
        assertEquals("D3137: Invalid JSON", cause("$parse('')"));
        assertEquals("D3137: Invalid JSON", cause("$parse('{\"a\": 1} 2')"));
        assertEquals("D3137: Invalid JSON", cause("$parse('{\"a\": 1, \"a\": 2}')"));
    }

    @Test
    void hashRefusesAnAlgorithmAwsDoesNotList() {
        assertEquals("D3137: Hash algorithm 'sha-256' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5",
                cause("$hash('abc', 'sha-256')"));
    }

    @Test
    void partitionRefusesANegativeChunkSize() {
        assertEquals("D3137: Second argument must be zero or greater", cause("$partition([1,2,3], -2)"));
    }

    @Test
    void rangeRefusesMoreElementsThanAwsMemoryLimitAllows() {
        assertEquals(360_145, eval("$range(1, 360145, 1)").size());
        assertEquals("Expression evaluation memory limit exceeded: Check for excessive memory usage",
                cause("$range(1, 360146, 1)"));
    }

    @ParameterizedTest(name = "{0} fails with {1}")
    @CsvSource(delimiter = '|', value = {
            "$hash(1, 'MD5')                | T0410: Argument 1 of function \"hash\" does not match function signature",
            "$hash('a', 5)                  | T0410: Argument 2 of function \"hash\" does not match function signature",
            "$hash('a', 'MD5', 1)           | T0410: Argument 3 of function \"hash\" does not match function signature",
            "$range('a', 2, 1)              | T0410: Argument 1 of function \"range\" does not match function signature",
            "$range(1, 2, 1, 4)             | T0410: Argument 4 of function \"range\" does not match function signature",
            "$partition([1], 'x')           | T0410: Argument 2 of function \"partition\" does not match function signature",
            "$partition('abc', 1)           | T0412: Argument 1 of function \"partition\" must be an array of undefined",
            "$random('x')                   | T0410: Argument 1 of function \"random\" does not match function signature",
            "$uuid(1)                       | T0410: Argument 1 of function \"uuid\" does not match function signature",
            "$parse(1)                      | T0410: Argument 1 of function \"parse\" does not match function signature",
    })
    void argumentErrorsAreJsonataSignatureErrors(String expression, String expected) {
        assertEquals(expected, cause(expression.trim()));
    }

    @Test
    void aFunctionLeftWithoutItsInputIsUndefined() {
        assertNull(eval("$parse($states.input.missing)"));
        assertNull(eval("$partition($states.input.missing, 2)"));
    }
}
