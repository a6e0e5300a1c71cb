package dev.stepwise.asl.intrinsic;

import static dev.stepwise.asl.intrinsic.Intrinsics.assertJson;
import static dev.stepwise.asl.intrinsic.Intrinsics.evaluate;
import static dev.stepwise.asl.intrinsic.Intrinsics.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.path.PathSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicParsingTest {

    @Test
    void recognisesACallByItsStatesPrefix() {
        assertTrue(IntrinsicFunctions.isCall("States.Array($.Id)"));
        assertTrue(IntrinsicFunctions.isCall("States.UUID()"));
        assertFalse(IntrinsicFunctions.isCall("$.name"));
        assertFalse(IntrinsicFunctions.isCall("$$.Execution.Id"));
        assertFalse(IntrinsicFunctions.isCall(null));
    }

    @Test
    void knowsAllEighteenFunctions() {
        assertEquals(18, IntrinsicFunctions.functionNames().size());
    }

    @Test
    void readsLiteralsOfEveryKind() {
        assertJson("[\"Foo\", 2020, -7, 1.5, -0.25, true, false, null]", evaluate("States.Array('Foo', 2020, -7, 1.5, -0.25, true, false, null)"));
    }

    @Test
    void keepsIntegersAsIntegersAndDecimalsAsDecimals() {
        assertTrue(evaluate("States.Array(3)").get(0).isInt());
        assertTrue(evaluate("States.Array(3000000000)").get(0).isLong());
        assertEquals("[2.50]", evaluate("States.Array(2.50)").toString());
    }

    @Test
    void toleratesSpacesAroundArguments() {
        assertJson("[1, \"a\"]", evaluate("States.Array(  1 ,'a'  )"));
        assertJson("[]", evaluate("States.Array( )"));
    }

    @Test
    void unescapesTheReservedCharactersAsTheAwsDocsList() {
        // "\'" is ', "\{" is {, "\}" is } and "\\" is \ (AWS docs, Reserved characters).
        assertJson("[\"it's {x} a\\\\b\"]", evaluate("States.Array('it\\'s \\{x\\} a\\\\b')"));
    }

    @Test
    void nestsCalls() {
        assertJson("[[1, 2], [3]]", evaluate("States.ArrayPartition(States.Array(1, 2, 3), 2)"));
    }

    @Test
    void acceptsTenFunctionsInOneFieldAsTheDocsAllow() {
        String nine = "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
                + "States.StringSplit('arn:aws:imagebuilder:us-east-1:1:image-recipe/my-recipe.v1/1.0.0', '/'), 1),"
                + " '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit("
                + "'arn:aws:imagebuilder:us-east-1:1:image-recipe/my-recipe.v1/1.0.0', '/'), 1), '.'), 1), 'x')";
        assertEquals("my-recipe.v1.x", evaluate(nine).textValue());
        assertEquals("[[[[[[[[[[]]]]]]]]]]", evaluate(nested(10)).toString());
    }

    @Test
    void rejectsAnEleventhFunction() {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> IntrinsicFunctions.parse(nested(11)));
        assertTrue(e.getMessage().contains("at most 10"), e.getMessage());
    }

    private static String nested(int depth) {
        return "States.Array(".repeat(depth) + ")".repeat(depth);
    }

    @Test
    void rejectsAnUnknownFunctionNamingTheKnownOnes() {
        PathSyntaxException e = assertThrows(PathSyntaxException.class,
                () -> IntrinsicFunctions.parse("States.Compare($.apples, $.oranges)"));
        assertTrue(e.getMessage().contains("Unknown intrinsic function 'States.Compare'"), e.getMessage());
        assertTrue(e.getMessage().contains("States.MathAdd"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.Format()                        | States.Format takes at least 1 argument but 0 given",
        "States.StringToJson('a', 'b')          | States.StringToJson takes exactly 1 argument but 2 given",
        "States.JsonToString()                  | States.JsonToString takes exactly 1 argument but 0 given",
        "States.ArrayPartition(States.Array())  | States.ArrayPartition takes exactly 2 arguments but 1 given",
        "States.ArrayContains(States.Array())   | States.ArrayContains takes exactly 2 arguments but 1 given",
        "States.ArrayRange(1, 5)                | States.ArrayRange takes exactly 3 arguments but 2 given",
        "States.ArrayGetItem(States.Array(), 1, 2) | States.ArrayGetItem takes exactly 2 arguments but 3 given",
        "States.ArrayLength()                   | States.ArrayLength takes exactly 1 argument but 0 given",
        "States.ArrayUnique()                   | States.ArrayUnique takes exactly 1 argument but 0 given",
        "States.Base64Encode()                  | States.Base64Encode takes exactly 1 argument but 0 given",
        "States.Base64Decode('a', 'b')          | States.Base64Decode takes exactly 1 argument but 2 given",
        "States.Hash('hello')                   | States.Hash takes exactly 2 arguments but 1 given",
        "States.JsonMerge(1, 2)                 | States.JsonMerge takes exactly 3 arguments but 2 given",
        "States.MathRandom(1)                   | States.MathRandom takes 2 to 3 arguments but 1 given",
        "States.MathRandom(1, 10, 5, 99)        | States.MathRandom takes 2 to 3 arguments but 4 given",
        "States.MathAdd(1)                      | States.MathAdd takes exactly 2 arguments but 1 given",
        "States.StringSplit('a')                | States.StringSplit takes exactly 2 arguments but 1 given",
        "States.UUID(1)                         | States.UUID takes exactly 0 arguments but 1 given",
    })
    void rejectsAWrongNumberOfArguments(String expression, String message) {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> IntrinsicFunctions.parse(expression));
        assertEquals(message + " in '" + expression + "'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Array(1) trailing",
        "States.Array(1))",
        "States.Array(1",
        "States.Array('unterminated)",
        "States.Array('a' 'b')",
        "States.Array(1, )",
        "States.Array(, 1)",
        "States.Array(banana)",
        "States.Array(1.)",
        "States.Array(-)",
        "States.Array",
        "States.Array (1)",
        "States.",
        "States.Array('open \\n escape')",
        "States.Array('ends with a backslash \\')",
    })
    void rejectsMalformedSyntax(String expression) {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> IntrinsicFunctions.parse(expression));
        assertTrue(e.getMessage().contains(expression), e.getMessage());
    }

    @Test
    void saysWhatIsWrongWithAMalformedCall() {
        assertEquals("Invalid intrinsic function call 'States.Array(1) x' at position 16: "
                        + "unexpected text after the closing parenthesis",
                assertThrows(PathSyntaxException.class, () -> IntrinsicFunctions.parse("States.Array(1) x")).getMessage());
        assertEquals("Invalid intrinsic function call 'States.Array('a)' at position 13: "
                        + "unterminated string: missing closing quote",
                assertThrows(PathSyntaxException.class, () -> IntrinsicFunctions.parse("States.Array('a)")).getMessage());
        assertEquals("Invalid intrinsic function call 'States.Array(1' at position 14: missing ')'",
                assertThrows(PathSyntaxException.class, () -> IntrinsicFunctions.parse("States.Array(1")).getMessage());
    }

    @Test
    void evaluatesAParsedCallManyTimes() {
        IntrinsicFunctions.IntrinsicCall call = IntrinsicFunctions.parse("States.MathAdd(40, 2)");
        for (int i = 0; i < 3; i++) {
            assertJson("42", call.evaluate(dev.stepwise.asl.path.Bindings.ofInput(json("{}"))));
        }
    }
}
