package dev.stepwise.asl.intrinsic;

import static dev.stepwise.asl.intrinsic.Intrinsics.assertInvalidArguments;
import static dev.stepwise.asl.intrinsic.Intrinsics.assertJson;
import static dev.stepwise.asl.intrinsic.Intrinsics.evaluate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique. */
class ArrayFunctionsTest {
    private static final String ONE_TO_NINE = "States.Array(1,2,3,4,5,6,7,8,9)";

    @Test
    void arrayCollectsItsArgumentsInOrder() {
        // ASL spec Appendix B: States.Array('Foo', 2020, $.someJson, null).
        assertJson("[\"Foo\", 2020, {\"random\": \"abcdefg\"}, null]",
                evaluate("States.Array('Foo', 2020, States.StringToJson('{\"random\": \"abcdefg\"}'), null)"));
        assertJson("[]", evaluate("States.Array()"));
    }

    @Test
    void arrayPartitionChunksTheDocsExampleByFour() {
        assertJson("[[1,2,3,4],[5,6,7,8],[9]]", evaluate("States.ArrayPartition(" + ONE_TO_NINE + ", 4)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.ArrayPartition(States.Array(1,2,3), 1)          | [[1],[2],[3]]",
        "States.ArrayPartition(States.Array(1,2,3), 10)         | [[1,2,3]]",
        "States.ArrayPartition(States.Array(), 3)               | []",
        "States.ArrayPartition(States.Array(1,2,3), 2147483647) | [[1,2,3]]",
        "States.ArrayPartition(States.Array(1,2,3,4,5), 2.6)    | [[1,2],[3,4],[5]]",
        "States.ArrayPartition(States.Array(1,2,3,4,5), 2.4)    | [[1,2],[3,4],[5]]",
    })
    void arrayPartitionTruncatesAFractionalChunkSizeAsAwsDoes(String expression, String expected) {
        assertJson(expected, evaluate(expression));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.ArrayPartition(States.Array(1,2,3), 0)",
        "States.ArrayPartition(States.Array(1,2,3), -1)",
        "States.ArrayPartition(States.Array(1,2,3), 0.6)",
        "States.ArrayPartition(States.Array(1,2,3), -0.4)",
        "States.ArrayPartition(States.Array(1,2,3), '2')",
        "States.ArrayPartition(States.Array(1,2,3), null)",
        "States.ArrayPartition('not-array', 2)",
    })
    void arrayPartitionRejectsANonArrayOrAChunkSizeBelowOne(String expression) {
        assertInvalidArguments(expression, "States.ArrayPartition");
    }

    @Test
    void arrayContainsFindsTheDocsExampleValue() {
        assertJson("true", evaluate("States.ArrayContains(" + ONE_TO_NINE + ", 5)"));
        assertJson("false", evaluate("States.ArrayContains(" + ONE_TO_NINE + ", 10)"));
    }

    @Test
    void arrayContainsComparesJsonValues() {
        assertJson("true", evaluate("States.ArrayContains(States.Array(States.Array(1, 2, 3), 2), "
                + "States.Array(1, 2, 3))"));
        assertJson("true", evaluate("States.ArrayContains(States.Array(true, false), false)"));
        assertJson("true", evaluate("States.ArrayContains(States.Array(1.0), 1)"));
        assertJson("true", evaluate("States.ArrayContains(States.Array(States.StringToJson('{\"a\":1,\"b\":2}')), "
                + "States.StringToJson('{\"b\":2,\"a\":1}'))"));
        assertJson("false", evaluate("States.ArrayContains(States.Array(), null)"));
        assertJson("false", evaluate("States.ArrayContains(States.Array('1'), 1)"));
    }

    @Test
    void arrayContainsRejectsANonArray() {
        assertInvalidArguments("States.ArrayContains('abc', 'a')", "States.ArrayContains");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "States.ArrayRange(1, 9, 2)           | [1,3,5,7,9]",
        "States.ArrayRange(0, 10, 3)          | [0,3,6,9]",
        "States.ArrayRange(1, 9, 9)           | [1]",
        "States.ArrayRange(-2, 2, 2)          | [-2,0,2]",
        "States.ArrayRange(3, 3, -1)          | [3]",
        "States.ArrayRange(5, 1, -2)          | [5,3,1]",
        "States.ArrayRange(5, 1, 1)           | []",
        "States.ArrayRange(1, 5, -1)          | []",
        "States.ArrayRange(1.4, 5.6, 2.2)     | [1,3,5]",
        "States.ArrayRange(1.6, 1.4, 1)       | [1]",
        "States.ArrayRange(5.4, -0.6, -2.4)   | [5,3,1]",
    })
    void arrayRangeCountsFromTheFirstToTheLastByTheStep(String expression, String expected) {
        // The docs example and ranges observed on AWS; fractional arguments are truncated on AWS.
        assertJson(expected, evaluate(expression));
    }

    @Test
    void arrayRangeMakesAtMostOneThousandItems() {
        JsonNode range = evaluate("States.ArrayRange(1000, 1, -1)");
        assertEquals(1000, range.size());
        assertTrue(range.get(0).isInt());
        assertEquals(1, range.get(999).intValue());
        assertEquals(1000, evaluate("States.ArrayRange(1, 1000, 1)").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.ArrayRange(1, 1001, 1)",
        "States.ArrayRange(1001, 1, -1)",
        "States.ArrayRange(-2147483648, 2147483647, 1)",
        "States.ArrayRange(1, 10, 0)",
        "States.ArrayRange(1, 10, 0.49)",
        "States.ArrayRange('a', 5, 1)",
        "States.ArrayRange(1, 'b', 1)",
        "States.ArrayRange(1, 5, 'c')",
    })
    void arrayRangeRejectsAZeroStepMoreThanOneThousandItemsOrNonNumbers(String expression) {
        assertInvalidArguments(expression, "States.ArrayRange");
    }

    @Test
    void arrayGetItemReturnsTheDocsExampleItem() {
        assertJson("6", evaluate("States.ArrayGetItem(" + ONE_TO_NINE + ", 5)"));
    }

    @Test
    void arrayGetItemReturnsItemsOfAnyTypeUnchanged() {
        assertJson("\"y\"", evaluate("States.ArrayGetItem(States.Array('x', 'y', 'z'), 1)"));
        assertJson("null", evaluate("States.ArrayGetItem(States.Array(null), 0)"));
        assertJson("[1]", evaluate("States.ArrayGetItem(States.Array(States.Array(1)), 0)"));
        assertJson("20", evaluate("States.ArrayGetItem(States.Array(10, 20, 30), 1.2)"));
    }

    @Test
    void arrayGetItemOfAnEmptyArrayIsNullAsObservedOnAws() {
        assertJson("null", evaluate("States.ArrayGetItem(States.Array(), 999)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.ArrayGetItem(States.Array(10, 20, 30), 3)",
        "States.ArrayGetItem(States.Array(10, 20, 30), -1)",
        "States.ArrayGetItem(States.Array(10, 20, 30), '1')",
        "States.ArrayGetItem('not-array', 0)",
    })
    void arrayGetItemRejectsAnIndexOutOfBoundsOrANonArray(String expression) {
        assertInvalidArguments(expression, "States.ArrayGetItem");
    }

    @Test
    void arrayLengthCountsTheDocsExample() {
        assertJson("9", evaluate("States.ArrayLength(" + ONE_TO_NINE + ")"));
        assertJson("0", evaluate("States.ArrayLength(States.Array())"));
        assertInvalidArguments("States.ArrayLength('abc')", "States.ArrayLength");
    }

    @Test
    void arrayUniqueRemovesTheDocsExampleDuplicates() {
        assertJson("[1,2,3,4]", evaluate("States.ArrayUnique(States.Array(1,2,3,3,3,3,3,3,4))"));
    }

    @Test
    void arrayUniqueKeepsTheFirstOfEqualJsonValues() {
        assertJson("[null,true,false,1,1.1,0,\"HelloWorld\",[],[null],{\"a\":1,\"b\":2},{\"a\":1,\"b\":1}]",
                evaluate("States.ArrayUnique(States.Array(null, null, true, true, false, false, 1, 1, 1.1, 0, 0, "
                        + "'HelloWorld', 'HelloWorld', States.Array(), States.Array(), States.Array(null), "
                        + "States.Array(null), States.StringToJson('{\"a\":1,\"b\":2}'), "
                        + "States.StringToJson('{\"b\":2,\"a\":1}'), States.StringToJson('{\"a\":1,\"b\":1}')))"));
        assertInvalidArguments("States.ArrayUnique(1)", "States.ArrayUnique");
    }
}
