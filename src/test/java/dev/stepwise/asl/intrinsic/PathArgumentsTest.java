package dev.stepwise.asl.intrinsic;

import static dev.stepwise.asl.intrinsic.Intrinsics.assertFails;
import static dev.stepwise.asl.intrinsic.Intrinsics.assertJson;
import static dev.stepwise.asl.intrinsic.Intrinsics.evaluate;
import static dev.stepwise.asl.intrinsic.Intrinsics.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.PathSyntaxException;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every example of the AWS docs and the ASL spec, with its path arguments, and path misses. */
class PathArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // AWS developer guide, "Intrinsic functions".
        "States.Format('Hello, my name is {}.', $.name) | {\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"} | \"Hello, my name is Arnav.\"",
        "States.Format($.template, $.name)              | {\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"} | \"Hello, my name is Arnav.\"",
        "States.StringToJson($.escapedJsonString)       | {\"escapedJsonString\": \"{\\\"foo\\\": \\\"bar\\\"}\"}  | {\"foo\": \"bar\"}",
        "States.JsonToString($.unescapedJson)           | {\"unescapedJson\": {\"foo\": \"bar\"}}                    | \"{\\\"foo\\\":\\\"bar\\\"}\"",
        "States.Array($.Id)                             | {\"Id\": 123456}                                           | [123456]",
        "States.ArrayPartition($.inputArray,4)          | {\"inputArray\": [1,2,3,4,5,6,7,8,9]}                     | [[1,2,3,4],[5,6,7,8],[9]]",
        "States.ArrayContains($.inputArray, $.lookingFor) | {\"inputArray\": [1,2,3,4,5,6,7,8,9], \"lookingFor\": 5} | true",
        "States.ArrayRange(1, 9, 2)                     | {}                                                         | [1,3,5,7,9]",
        "States.ArrayGetItem($.inputArray, $.index)     | {\"inputArray\": [1,2,3,4,5,6,7,8,9], \"index\": 5}      | 6",
        "States.ArrayLength($.inputArray)               | {\"inputArray\": [1,2,3,4,5,6,7,8,9]}                     | 9",
        "States.ArrayUnique($.inputArray)               | {\"inputArray\": [1,2,3,3,3,3,3,3,4]}                     | [1,2,3,4]",
        "States.Base64Encode($.input)                   | {\"input\": \"Data to encode\"}                            | \"RGF0YSB0byBlbmNvZGU=\"",
        "States.Base64Decode($.base64)                  | {\"base64\": \"RGF0YSB0byBlbmNvZGU=\"}                     | \"Data to encode\"",
        "States.Hash($.Data, $.Algorithm)               | {\"Data\": \"input data\", \"Algorithm\": \"SHA-1\"}      | \"aaff4a450a104cd177d28d18d74485e8cae074b7\"",
        "States.JsonMerge($.json1, $.json2, false)      | {\"json1\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2}, \"json2\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3}} | {\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}",
        "States.MathAdd($.value1, $.step)               | {\"value1\": 111, \"step\": -1}                            | 110",
        "States.StringSplit($.inputString, $.splitter)  | {\"inputString\": \"1,2,3,4,5\", \"splitter\": \",\"}      | [\"1\",\"2\",\"3\",\"4\",\"5\"]",
        "States.StringSplit($.inputString, $.splitter)  | {\"inputString\": \"This.is+a,test=string\", \"splitter\": \".+,=\"} | [\"This\",\"is\",\"a\",\"test\",\"string\"]",
        // ASL specification, Appendix B.
        "States.Format('Your name is {}, we are in the year {}', $.name, 2020) | {\"name\": \"Foo\", \"zebra\": \"stripe\"} | \"Your name is Foo, we are in the year 2020\"",
        "States.StringToJson($.someString)              | {\"someString\": \"{\\\"number\\\": 20}\", \"zebra\": \"stripe\"} | {\"number\": 20}",
        "States.JsonToString($.someJson)                | {\"someJson\": {\"name\": \"Foo\", \"year\": 2020}, \"zebra\": \"stripe\"} | \"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\"",
        "States.Array('Foo', 2020, $.someJson, null)    | {\"someJson\": {\"random\": \"abcdefg\"}, \"zebra\": \"stripe\"} | [\"Foo\", 2020, {\"random\": \"abcdefg\"}, null]",
    })
    void evaluatesTheDocumentedExample(String expression, String input, String expected) {
        assertJson(expected, evaluate(expression, input));
    }

    @Test
    void mathRandomOfTheDocsExampleIsBetweenStartAndEnd() {
        int value = evaluate("States.MathRandom($.start, $.end)", "{\"start\": 1, \"end\": 999}").intValue();
        assertTrue(value >= 1 && value < 999, "got " + value);
    }

    @Test
    void uuidOfTheDocsExampleIsAUuid() {
        assertEquals(4, UUID.fromString(evaluate("States.UUID()").textValue()).version());
    }

    @Test
    void acceptsTheDocsNineFunctionExample() {
        IntrinsicFunctions.parse("States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
                + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit("
                + "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))");
    }

    @Test
    void readsTheContextObject() {
        Bindings bindings = Bindings.of(json("{\"name\": \"job\"}"),
                () -> json("{\"Execution\": {\"Input\": {\"suffix\": \"run\"}}}"), new SplittableRandom(0));
        assertJson("\"job:run\"",
                IntrinsicFunctions.parse("States.Format('{}:{}', $.name, $$.Execution.Input.suffix)").evaluate(bindings));
    }

    @Test
    void readsPathsWithBracketsQuotesAndFilters() {
        String input = "{\"a\": {\"x,y\": [1, 2]}, \"items\": [{\"b\": 1}, {\"b\": 2}, {\"b\": 3}]}";
        assertJson("2", evaluate("States.ArrayLength($.a['x,y'])", input));
        assertJson("[2, 3]", evaluate("States.ArrayPartition($.items[?(@.b > 1)].b, 5)", input).get(0));
        assertJson("{\"a\": {\"x,y\": [1, 2]}, \"items\": [{\"b\": 1}, {\"b\": 2}, {\"b\": 3}]}",
                evaluate("States.StringToJson(States.JsonToString($))", input));
    }

    @Test
    void returnsTheInputsOwnNodesWithoutCopying() {
        JsonNode input = json("{\"obj\": {\"k\": 1}}");
        JsonNode result = IntrinsicFunctions.parse("States.ArrayGetItem(States.Array($.obj), 0)")
                .evaluate(Bindings.ofInput(input));
        assertSame(input.get("obj"), result);
    }

    @Test
    void rejectsAMalformedPathWhenParsing() {
        assertThrows(PathSyntaxException.class, () -> IntrinsicFunctions.parse("States.Array($.a[)"));
        assertThrows(PathSyntaxException.class, () -> IntrinsicFunctions.parse("States.Array($..)"));
    }

    @Test
    void failsWithAwsCauseWhenAPathMatchesNothing() {
        // Causes captured on AWS us-east-1 (Floci's AslExecutorIntrinsicMissingArgumentTest).
        assertFails("States.Format('{}', $.nope)", "{\"other\":1}",
                "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'");
        assertFails("States.Format('{} {}', $.other, $.a.b)", "{\"other\":1}",
                "The JsonPath argument for the field '$.a.b' could not be found in the input '{\"other\":1}'");
        assertFails("States.Format($.nope, 1)", "{\"other\":1}",
                "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'");
        assertFails("States.MathAdd($.nope, 1)", "{\"other\":1}",
                "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'");
        assertFails("States.Format('{}', $.items[5])", "{\"items\":[1,2]}",
                "The JsonPath argument for the field '$.items[5]' could not be found in the input '{\"items\":[1,2]}'");
    }

    @Test
    void namesTheWholeExpressionAsWrittenWhenANestedArgumentFails() {
        assertFails("States.Format('{}', States.Format('{}',$.nope))", "{\"other\":1}",
                "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'");
        assertFails("States.Array(States.MathAdd($.s, 1))", "{\"s\":\"x\"}", "Invalid arguments in States.MathAdd");
    }

    @Test
    void reportsAMissingContextPathRewrittenAgainstTheStateInput() {
        Bindings bindings = Bindings.of(json("{\"other\":1}"), () -> json("{\"State\":{\"Name\":\"P\"}}"),
                new SplittableRandom(0));
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> IntrinsicFunctions.parse("States.Format('{}', $$.Nope.Deep)").evaluate(bindings));
        assertEquals("States.Runtime", failure.error());
        assertEquals("The function 'States.Format('{}', $$.Nope.Deep)' had the following error: The JsonPath argument "
                + "for the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'", failure.cause());
    }

    @Test
    void anExplicitNullIsAValueNotAMiss() {
        assertJson("\"null\"", evaluate("States.Format('{}', $.nul)", "{\"nul\": null}"));
    }

    @Test
    void aWildcardMatchingNothingIsAnEmptyArray() {
        assertJson("0", evaluate("States.ArrayLength($.items[*].nope)", "{\"items\": [1, 2]}"));
    }

    @Test
    void rejectsInvalidPathValuesWithAwsWording() {
        assertFails("States.ArrayPartition($.arr, $.size)", "{\"arr\": [1, 2, 3], \"size\": 0}",
                "Invalid arguments in States.ArrayPartition");
        assertFails("States.StringToJson($.json)", "{\"json\": \"{bad json}\"}", "Invalid arguments in States.StringToJson");
        assertFails("States.Base64Decode($.obj)", "{\"obj\": {}}", "Invalid arguments in States.Base64Decode");
    }

    @Test
    void hashesNonStringDataAsItsJsonTextAsObservedOnAws() {
        assertEquals(evaluate("States.Hash('{}', 'SHA-256')"), evaluate("States.Hash($.obj, 'SHA-256')", "{\"obj\": {}}"));
        assertEquals(evaluate("States.Hash('123', 'MD5')"), evaluate("States.Hash(123, 'MD5')"));
    }
}
