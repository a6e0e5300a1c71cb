package dev.stepwise.asl.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferencePathTest {

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    /** The examples of the AWS developer guide page "Specifying state output using ResultPath". */
    @Test
    void addsTheResultToTheInputAsTheResultPathPageShows() {
        JsonNode input = json("{\"comment\":\"This is a test\",\"details\":\"Default example\",\"who\":\"Step Functions\"}");
        JsonNode output = ReferencePath.compile("$.taskresult").put(input, json("\"Hello, Step Functions!\""));
        assertEquals(json("{\"comment\":\"This is a test\",\"details\":\"Default example\",\"who\":\"Step Functions\","
                + "\"taskresult\":\"Hello, Step Functions!\"}"), output);
    }

    @Test
    void updatesANodeInTheInputAsTheResultPathPageShows() {
        JsonNode input = json("{\"comment\":\"An input comment.\",\"data\":{\"val1\":23,\"val2\":17},\"extra\":\"foo\","
                + "\"lambda\":{\"who\":\"AWS Step Functions\"}}");
        JsonNode output = ReferencePath.compile("$.data.lambdaresult").put(input, json("\"Hello, AWS Step Functions!\""));
        assertEquals(json("{\"comment\":\"An input comment.\",\"data\":{\"val1\":23,\"val2\":17,"
                + "\"lambdaresult\":\"Hello, AWS Step Functions!\"},\"extra\":\"foo\",\"lambda\":{\"who\":\"AWS Step Functions\"}}"), output);
        assertEquals("[\"comment\",\"data\",\"extra\",\"lambda\"]", fieldNames(output));
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder names = new StringBuilder("[");
        node.fieldNames().forEachRemaining(n -> names.append(names.length() > 1 ? "," : "").append('"').append(n).append('"'));
        return names.append(']').toString();
    }

    @Test
    void dollarReplacesTheWholeInput() {
        JsonNode result = json("\"Hello, Step Functions!\"");
        assertSame(result, ReferencePath.compile("$").put(json("{\"a\":1}"), result));
    }

    @Test
    void createsTheObjectsOnTheWay() {
        assertEquals(json("{\"a\":1,\"x\":{\"y\":{\"z\":[1]}}}"),
                ReferencePath.compile("$.x.y['z']").put(json("{\"a\":1}"), json("[1]")));
    }

    @Test
    void replacesAnExistingValue() {
        assertEquals(json("{\"a\":{\"b\":2}}"), ReferencePath.compile("$.a").put(json("{\"a\":[1,2]}"), json("{\"b\":2}")));
    }

    @Test
    void neverChangesTheTargetAndSharesWhatItDoesNotTouch() {
        JsonNode input = json("{\"keep\":{\"big\":[1,2,3]},\"data\":{\"v\":1}}");
        JsonNode copy = input.deepCopy();
        JsonNode output = ReferencePath.compile("$.data.result").put(input, json("true"));
        assertEquals(copy, input);
        assertSame(input.get("keep"), output.get("keep"));
        assertEquals(json("{\"v\":1,\"result\":true}"), output.get("data"));
    }

    @Test
    void anIndexReplacesAnExistingElement() {
        JsonNode input = json("{\"list\":[{\"id\":1},{\"id\":2}]}");
        assertEquals(json("{\"list\":[{\"id\":1},{\"id\":2,\"r\":\"x\"}]}"),
                ReferencePath.compile("$.list[1].r").put(input, json("\"x\"")));
        assertEquals(json("{\"list\":[{\"id\":1},0]}"), ReferencePath.compile("$.list[-1]").put(input, json("0")));
        assertEquals(json("{\"list\":[{\"id\":1},{\"id\":2}]}"), input);
    }

    @Test
    void failsLikeAwsOnAStringInput() {
        // An execution on AWS: ResultPath "$.someTaskResult" on the input "input1".
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> ReferencePath.compile("$.someTaskResult").put(json("\"input1\""), json("{}")));
        assertEquals("States.ReferencePathConflict", failure.error());
        assertEquals("Unable to apply ReferencePath $.someTaskResult to input \"input1\"", failure.cause());
    }

    @Test
    void failsOnAnArrayOrAScalarWhereAFieldIsNeeded() {
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> ReferencePath.compile("$.error").put(json("[1,2]"), json("{}")));
        assertEquals("Unable to apply ReferencePath $.error to input [1,2]", failure.cause());
        assertThrows(StatesFailure.class, () -> ReferencePath.compile("$.a.b").put(json("{\"a\":5}"), json("{}")));
        assertThrows(StatesFailure.class, () -> ReferencePath.compile("$.a[3]").put(json("{\"a\":[1]}"), json("{}")));
        assertThrows(StatesFailure.class, () -> ReferencePath.compile("$.a[0]").put(json("{}"), json("{}")));
    }

    @Test
    void readNamesTheStepThatFailsAsAwsDoesForItemsPath() {
        JsonNode input = json("{\"discovery\":{\"statusCode\":500}}");
        assertEquals(json("500"), ReferencePath.compile("$.discovery.statusCode").read(input));
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> ReferencePath.compile("$.discovery.objects").read(input));
        assertEquals("States.ReferencePathConflict", failure.error());
        assertEquals("Unable to apply step \"objects\" to input {\"discovery\":{\"statusCode\":500}}", failure.cause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$$.Execution.Id", "$.a[*]", "$..a", "$.a[0,1]", "$.a[?(@.b)]", "$.a[1:]", "$.*", "a"})
    void compileAcceptsOnlyReferencePaths(String path) {
        assertThrows(PathSyntaxException.class, () -> ReferencePath.compile(path));
    }
}
