package dev.stepwise.asl.intrinsic;

import static dev.stepwise.asl.intrinsic.Intrinsics.assertFails;
import static dev.stepwise.asl.intrinsic.Intrinsics.assertInvalidArguments;
import static dev.stepwise.asl.intrinsic.Intrinsics.assertJson;
import static dev.stepwise.asl.intrinsic.Intrinsics.evaluate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** States.Format, StringToJson, JsonToString, StringSplit and JsonMerge. */
class StringAndJsonFunctionsTest {

    @Test
    void formatFillsTheDocsExample() {
        assertEquals("Hello, my name is Arnav.", evaluate("States.Format('Hello, my name is {}.', 'Arnav')").textValue());
        assertEquals("Your name is Foo, we are in the year 2020",
                evaluate("States.Format('Your name is {}, we are in the year {}', 'Foo', 2020)").textValue());
    }

    @Test
    void formatTakesItsTemplateFromAComputedString() {
        assertEquals("Hello Ada", evaluate("States.Format(States.ArrayGetItem(States.Array('Hello {}'), 0), 'Ada')")
                .textValue());
    }

    @Test
    void formatPrintsValuesAsAwsDoes() {
        assertEquals("x 2 true", evaluate("States.Format('{} {} {}', 'x', 2, true)").textValue());
        assertEquals("null|false|-1|3.5|9007199254740991",
                evaluate("States.Format('{}|{}|{}|{}|{}', null, false, -1, 3.5, 9007199254740991)").textValue());
        // Objects and arrays print as Java collections (LocalStack's test_format_2 snapshot, AWS).
        assertEquals("{Arg1=1, Arg2=[]}",
                evaluate("States.Format('{}', States.StringToJson('{\"Arg1\": 1, \"Arg2\": []}'))").textValue());
        assertEquals("[a, 1, null, [true]]",
                evaluate("States.Format('{}', States.Array('a', 1, null, States.Array(true)))").textValue());
        assertEquals("arn:lambda:{\"k\":1}",
                evaluate("States.Format('arn:{}:{}', 'lambda', States.JsonToString(States.StringToJson('{\"k\":1}')))")
                        .textValue());
    }

    @Test
    void formatKeepsEscapedBracesAndQuotesAsText() {
        assertEquals("Name: 'Gabriel', Surname: \"Moreira\"",
                evaluate("States.Format('Name: \\'{}\\', Surname: \"{}\"', 'Gabriel', 'Moreira')").textValue());
        assertEquals("{} is literal, x is not", evaluate("States.Format('\\{\\} is literal, {} is not', 'x')").textValue());
        assertEquals("  x  ", evaluate("States.Format('  {}  ', 'x')").textValue());
        assertEquals("no placeholders", evaluate("States.Format('no placeholders')").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Format('{} {}', 'x')",
        "States.Format('{}', 'x', 'y')",
        "States.Format(123, 'Ada')",
        "States.Format('}')",
    })
    void formatRejectsPlaceholdersThatDoNotMatchTheArguments(String expression) {
        assertInvalidArguments(expression, "States.Format");
    }

    @Test
    void formatRejectsAnUnclosedBraceWhenRun() {
        IntrinsicFunctions.parse("States.Format('Hello {', 'x')");
        assertFails("States.Format('Hello {', 'x')",
                "Invalid template in States.Format: matching '}' not found for '{'.");
        assertFails("States.Format('Hello {{}}', 'x')",
                "Invalid template in States.Format: matching '}' not found for '{'.");
    }

    @Test
    void stringToJsonParsesTheDocsExample() {
        assertJson("{\"foo\": \"bar\"}", evaluate("States.StringToJson('{\"foo\": \"bar\"}')"));
        assertJson("{\"number\": 20}", evaluate("States.StringToJson('{\"number\": 20}')"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "null              | null",
        "1                 | 1",
        "1.1               | 1.1",
        "true              | true",
        "'\"HelloWorld\"'  | \"HelloWorld\"",
        "[1, 2, \"x\"]     | [1,2,\"x\"]",
        "' {\"a\":1} '     | {\"a\":1}",
        "''                | null",
        "' '               | null",
    }, quoteCharacter = '`')
    void stringToJsonParsesAnyJsonValueAndBlankAsNull(String jsonText, String expected) {
        String literal = jsonText.startsWith("'") ? jsonText.substring(1, jsonText.length() - 1) : jsonText;
        assertJson(expected, evaluate("States.StringToJson('" + literal + "')"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.StringToJson('{bad json}')",
        "States.StringToJson('{\"a\":1')",
        "States.StringToJson('undefined')",
        "States.StringToJson('1 2')",
        "States.StringToJson(123)",
        "States.StringToJson(States.Array(1))",
    })
    void stringToJsonRejectsInvalidJsonAndNonStrings(String expression) {
        assertInvalidArguments(expression, "States.StringToJson");
    }

    @Test
    void jsonToStringWritesCompactJson() {
        assertEquals("{\"name\":\"Foo\",\"year\":2020}",
                evaluate("States.JsonToString(States.StringToJson('{\"name\": \"Foo\", \"year\": 2020}'))").textValue());
        assertEquals("[null,\"\",\" \",0,1,true,false,[0,1,false]]",
                evaluate("States.JsonToString(States.Array(null, '', ' ', 0, 1, true, false, States.Array(0, 1, false)))")
                        .textValue());
        assertEquals("\"HelloWorld\"", evaluate("States.JsonToString('HelloWorld')").textValue());
    }

    @Test
    void stringSplitSplitsTheDocsExamples() {
        assertJson("[\"1\",\"2\",\"3\",\"4\",\"5\"]", evaluate("States.StringSplit('1,2,3,4,5', ',')"));
        assertJson("[\"This\",\"is\",\"a\",\"test\",\"string\"]",
                evaluate("States.StringSplit('This.is+a,test=string', '.+,=')"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a,,b       | ,   | [\"a\",\"b\"]",
        ",a,b       | ,   | [\"a\",\"b\"]",
        "a,b,       | ,   | [\"a\",\"b\"]",
        ",          | ,   | []",
        "''         | ,   | []",
        "1a2b3ab4   | ab  | [\"1\",\"2\",\"3\",\"4\"]",
        "a.b.c      | .   | [\"a\",\"b\",\"c\"]",
        "a+b+c      | +   | [\"a\",\"b\",\"c\"]",
        "abc        | ''  | [\"abc\"]",
    }, quoteCharacter = '`')
    void stringSplitDropsEmptyPiecesAsObservedOnAws(String text, String delimiters, String expected) {
        assertJson(expected, evaluate("States.StringSplit('" + unquote(text) + "', '" + unquote(delimiters) + "')"));
    }

    private static String unquote(String s) {
        return s.startsWith("'") ? s.substring(1, s.length() - 1) : s;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.StringSplit(123, ',')",
        "States.StringSplit('a,b', 1)",
        "States.StringSplit(null, ',')",
        "States.StringSplit('a,b', null)",
        "States.StringSplit(false, ',')",
        "States.StringSplit('a,b', States.Array(','))",
    })
    void stringSplitRejectsNonStrings(String expression) {
        assertInvalidArguments(expression, "States.StringSplit");
    }

    @Test
    void jsonMergeMergesTheDocsExampleShallowly() {
        assertJson("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}",
                evaluate("States.JsonMerge(States.StringToJson('{\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2}'), "
                        + "States.StringToJson('{\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3}'), false)"));
    }

    @Test
    void jsonMergeLetsTheSecondObjectWin() {
        assertJson("{\"x\":1,\"y\":3,\"z\":4}", evaluate("States.JsonMerge(States.StringToJson('{\"x\":1,\"y\":2}'), "
                + "States.StringToJson('{\"y\":3,\"z\":4}'), false)"));
        assertJson("{\"nested\":null,\"keep\":1}", evaluate("States.JsonMerge("
                + "States.StringToJson('{\"nested\":{\"left\":true},\"keep\":1}'), "
                + "States.StringToJson('{\"nested\":null}'), false)"));
        // A deep flag that is not the boolean true merges shallowly, as observed on AWS.
        assertJson("{}", evaluate("States.JsonMerge(States.StringToJson('{}'), States.StringToJson('{}'), 'false')"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.JsonMerge(States.StringToJson('{\"a\":1}'), States.StringToJson('{\"b\":2}'), true)",
        "States.JsonMerge(null, States.StringToJson('{}'), false)",
        "States.JsonMerge(States.StringToJson('{}'), 'x', false)",
        "States.JsonMerge(States.Array(), States.StringToJson('{}'), false)",
    })
    void jsonMergeRejectsDeepMergeAndNonObjects(String expression) {
        // "Currently, Step Functions only supports the shallow merging mode" (AWS docs).
        assertInvalidArguments(expression, "States.JsonMerge");
    }
}
