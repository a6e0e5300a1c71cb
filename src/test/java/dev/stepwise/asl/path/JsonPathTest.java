package dev.stepwise.asl.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {

    /** The document of the Jayway JsonPath README, which the AWS "Paths" page links to. */
    static final JsonNode STORE = Json.parse("""
            {"store": {
               "book": [
                 {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
                 {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
                 {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
                 {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
               ],
               "bicycle": {"color": "red", "price": 19.95}
             },
             "expensive": 10}
            """);

    private static JsonNode read(String path, JsonNode input) {
        return JsonPath.compile(path).read(Bindings.ofInput(input)).orElseThrow();
    }

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiterString = " => ", value = {
        "$.store.book[*].author => [\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]",
        "$..author => [\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]",
        "$.store..price => [8.95,12.99,8.99,22.99,19.95]",
        "$..book[2].title => [\"Moby Dick\"]",
        "$..book[-2].title => [\"Moby Dick\"]",
        "$..book[0,1].title => [\"Sayings of the Century\",\"Sword of Honour\"]",
        "$..book[:2].title => [\"Sayings of the Century\",\"Sword of Honour\"]",
        "$..book[1:2].title => [\"Sword of Honour\"]",
        "$..book[-2:].title => [\"Moby Dick\",\"The Lord of the Rings\"]",
        "$..book[2:].title => [\"Moby Dick\",\"The Lord of the Rings\"]",
        "$..book[?(@.isbn)].title => [\"Moby Dick\",\"The Lord of the Rings\"]",
        "$.store.book[?(@.price < 10)].title => [\"Sayings of the Century\",\"Moby Dick\"]",
        "$..book[?(@.price <= $['expensive'])].title => [\"Sayings of the Century\",\"Moby Dick\"]",
        "$..book[?(@.author == 'Herman Melville')].price => [8.99]",
        "$..book[?(@.category != \"fiction\")].title => [\"Sayings of the Century\"]",
        "$..book[?(@.price > 10 && @.category == 'fiction')].title => [\"Sword of Honour\",\"The Lord of the Rings\"]",
        "$..book[?(@.price < 9 || @.price > 20)].title => [\"Sayings of the Century\",\"Moby Dick\",\"The Lord of the Rings\"]",
        "$..book[?(@.price >= 12.99)].price => [12.99,22.99]",
        "$..book[?(!(@.isbn))].title => [\"Sayings of the Century\",\"Sword of Honour\"]",
        "$.store.* => [[{\"category\":\"reference\",\"author\":\"Nigel Rees\",\"title\":\"Sayings of the Century\",\"price\":8.95},{\"category\":\"fiction\",\"author\":\"Evelyn Waugh\",\"title\":\"Sword of Honour\",\"price\":12.99},{\"category\":\"fiction\",\"author\":\"Herman Melville\",\"title\":\"Moby Dick\",\"isbn\":\"0-553-21311-3\",\"price\":8.99},{\"category\":\"fiction\",\"author\":\"J. R. R. Tolkien\",\"title\":\"The Lord of the Rings\",\"isbn\":\"0-395-19395-8\",\"price\":22.99}],{\"color\":\"red\",\"price\":19.95}]",
        "$.store.bicycle[*] => [\"red\",19.95]",
        "$..book[?(@.isbn)]['title','price'] => [{\"title\":\"Moby Dick\",\"price\":8.99},{\"title\":\"The Lord of the Rings\",\"price\":22.99}]",
        "$.nothing[*] => []",
        "$..nothing => []",
    })
    void readsTheJaywayReadmeExamples(String path, String expected) {
        assertEquals(json(expected), read(path, STORE));
    }

    @Test
    void countsTheBooksWithARecursiveWildcard() {
        // Jayway lists a node's children before descending into them.
        assertEquals(json("[{\"b\":1},2,1]"), read("$..*", json("{\"a\":{\"b\":1},\"c\":2}")));
        assertEquals(4, read("$..book[*]", STORE).size());
    }

    @Test
    void recursiveIndexSelectsFromEveryArray() {
        assertEquals(json("[[1,2],1,3]"), read("$..[0]", json("{\"a\":[[1,2],[3]]}")));
    }

    @Test
    void definitePathsReadOneValue() {
        assertEquals(json("\"red\""), read("$.store.bicycle.color", STORE));
        assertEquals(json("\"red\""), read("$['store']['bicycle'][\"color\"]", STORE));
        assertEquals(json("22.99"), read("$.store.book[-1].price", STORE));
        assertEquals(STORE, read("$", STORE));
    }

    @Test
    void namesWithSpecialCharactersNeedBrackets() {
        JsonNode input = json("{\"a.b\":1,\"it's\":2,\"x y\":{\"-\":3}}");
        assertEquals(json("1"), read("$['a.b']", input));
        assertEquals(json("2"), read("$['it\\'s']", input));
        assertEquals(json("2"), read("$[\"it's\"]", input));
        assertEquals(json("3"), read("$['x y']['-']", input));
    }

    @Test
    void aDefinitePathThatMatchesNothingIsEmpty() {
        Bindings bindings = Bindings.ofInput(STORE);
        assertEquals(Optional.empty(), JsonPath.compile("$.store.car").read(bindings));
        assertEquals(Optional.empty(), JsonPath.compile("$.store.car.wheels").read(bindings));
        assertEquals(Optional.empty(), JsonPath.compile("$.store.book[9]").read(bindings));
        assertEquals(Optional.empty(), JsonPath.compile("$.store.bicycle[0]").read(bindings));
        assertEquals(Optional.empty(), JsonPath.compile("$.expensive.value").read(bindings));
    }

    @Test
    void aJaywayFunctionIsAcceptedButMatchesNothingAsOnAws() {
        // re:Post: "$.Jobs.sum()" fails at run time with "could not be found in the input".
        assertEquals(Optional.empty(),
                JsonPath.compile("$.Jobs.sum()").read(Bindings.ofInput(json("{\"Jobs\":[0,1]}"))));
    }

    @Test
    void aJsonNullIsAValueNotAMiss() {
        assertEquals(json("null"), read("$.a", json("{\"a\":null}")));
    }

    @Test
    void aLastFieldUnionMergesTheFieldsAsJaywayDoes() {
        JsonPath path = JsonPath.compile("$['a','c']");
        assertTrue(path.isDefinite());
        assertEquals(json("{\"a\":1,\"c\":3}"), read("$['a','c']", json("{\"a\":1,\"b\":2,\"c\":3}")));
        assertEquals(json("[1,3]"), read("$['a','c'].v", json("{\"a\":{\"v\":1},\"c\":{\"v\":3}}")));
    }

    @Test
    void filtersCompareStringsNumbersBooleansAndNull() {
        JsonNode input = json("[{\"v\":\"b\"},{\"v\":2},{\"v\":true},{\"v\":null},{\"v\":2.0},{\"w\":1}]");
        assertEquals(json("[{\"v\":\"b\"}]"), read("$[?(@.v > 'a')]", input));
        assertEquals(json("[{\"v\":2},{\"v\":2.0}]"), read("$[?(@.v == 2)]", input));
        assertEquals(json("[{\"v\":true}]"), read("$[?(@.v == true)]", input));
        assertEquals(json("[{\"v\":null}]"), read("$[?(@.v == null)]", input));
        assertEquals(json("[{\"v\":2},{\"v\":2.0}]"), read("$[?(@.v >= -1.5e0)]", input));
        assertEquals(5, read("$[?(@.v)]", input).size());
    }

    @Test
    void equalityBetweenANumberAndAStringIsLenientAsInJayway() {
        JsonNode input = json("[{\"v\":2},{\"v\":\"2\"},{\"v\":\"x\"}]");
        assertEquals(json("[{\"v\":2},{\"v\":\"2\"}]"), read("$[?(@.v == '2')]", input));
        assertEquals(json("[{\"v\":2},{\"v\":\"2\"}]"), read("$[?(@.v == 2)]", input));
        assertEquals(json("[{\"v\":2}]"), read("$[?(@.v < 3)]", input));
    }

    @Test
    void aFilterCanTestTheElementItselfAndNestedPaths() {
        assertEquals(json("[5,9]"), read("$.n[?(@ > 4)]", json("{\"n\":[1,5,9]}")));
        assertEquals(json("[{\"a\":{\"b\":[7]}}]"),
                read("$[?(@.a.b[0] == 7 && @['a'].b)]", json("[{\"a\":{\"b\":[7]}},{\"a\":{\"b\":[8]}}]")));
    }

    @Test
    void aFilterOnAnObjectTestsTheObjectItself() {
        assertEquals(json("[{\"a\":{\"n\":1}}]"), read("$[?(@.a.n == 1)]", json("{\"a\":{\"n\":1}}")));
    }

    @Test
    void contextPathsReadTheContextObject() {
        JsonNode context = json("{\"Execution\":{\"Id\":\"arn:1\"},\"Map\":{\"Item\":{\"Index\":3}}}");
        Bindings bindings = Bindings.of(json("{\"Id\":\"input\"}"), () -> context, new SplittableRandom(0));
        JsonPath path = JsonPath.compile("$$.Execution.Id");
        assertTrue(path.isContextPath());
        assertEquals(json("\"arn:1\""), path.read(bindings).orElseThrow());
        assertEquals(json("3"), JsonPath.compile("$$.Map.Item.Index").read(bindings).orElseThrow());
        assertEquals(context, JsonPath.compile("$$").read(bindings).orElseThrow());
        assertFalse(JsonPath.compile("$.Id").isContextPath());
        assertEquals(Optional.empty(),
                JsonPath.compile("$$.Execution.Id").read(Bindings.of(STORE, MissingNode::getInstance, new SplittableRandom(0))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.a.b", "$['a'].b[0]", "$[0]", "$.a[-1]", "$$.Execution.Id"})
    void recognisesReferencePaths(String path) {
        assertTrue(JsonPath.compile(path).isReferencePath());
        assertTrue(JsonPath.compile(path).isDefinite());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.a[*]", "$.a.*", "$..a", "$.a[0,1]", "$['a','b']", "$.a[1:]", "$.a[?(@.b)]"})
    void otherPathsAreNotReferencePaths(String path) {
        assertFalse(JsonPath.compile(path).isReferencePath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.a[*]", "$.a.*", "$..a", "$.a[0,1]", "$['a','b'].c", "$.a[1:]", "$.a[?(@.b)]"})
    void indefinitePathsAreNotDefinite(String path) {
        assertFalse(JsonPath.compile(path).isDefinite());
    }

    @Test
    void aDollarFollowedByANameReadsAWorkflowVariable() {
        // AWS, "Passing data between states with variables": "$productName" refers to a variable.
        Bindings bindings = Bindings.of(Json.parse("{\"a\": 1}"), com.fasterxml.jackson.databind.node.MissingNode::getInstance,
                new java.util.SplittableRandom(1), java.util.Map.of("order", Json.parse("{\"items\": [10, 20]}")));
        assertEquals(Json.parse("20"), JsonPath.compile("$order.items[1]").read(bindings).orElseThrow());
        assertEquals("order", JsonPath.compile("$order").variableName());
        assertTrue(JsonPath.compile("$missing.x").read(bindings).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "$.", "$..", "$.a[", "$.a[']", "$.a['b'", "$.a[x]", "$.a[1:2:3]",
        "$.a[?(@.b =~ /x/)]", "$.a[?(@.b == )]", "$.a[?(@.b == 1]", "$ .a", "$.a]"})
    void rejectsBadSyntaxWithAPathSyntaxException(String path) {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> JsonPath.compile(path));
        assertTrue(e.getMessage().startsWith("Invalid JSONPath '" + path + "'"), e.getMessage());
    }

    @Test
    void readRequiredFailsWithAwsCauseForAMissingLastField() {
        // AWS: "Invalid path '$.Payload' : No results for path: $['Payload']" (States.Runtime)
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> JsonPath.compile("$.Payload").readRequired(Bindings.ofInput(json("{\"output\":1}"))));
        assertEquals("States.Runtime", failure.error());
        assertEquals("Invalid path '$.Payload' : No results for path: $['Payload']", failure.cause());
    }

    @Test
    void readRequiredNamesTheMissingPropertyOnTheWay() {
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> JsonPath.compile("$.a.b[0]").readRequired(Bindings.ofInput(json("{}"))));
        assertEquals("Invalid path '$.a.b[0]' : Missing property in path $['a']", failure.cause());
    }

    @Test
    void readRequiredReturnsTheValueOrTheEmptyArrayOfAnIndefinitePath() {
        assertEquals(json("8.95"), JsonPath.compile("$.store.book[0].price").readRequired(Bindings.ofInput(STORE)));
        assertEquals(json("[]"), JsonPath.compile("$.none[*]").readRequired(Bindings.ofInput(STORE)));
    }

    @Test
    void readingDoesNotChangeTheInput() {
        JsonNode copy = STORE.deepCopy();
        read("$..book[?(@.isbn)]['title','price']", STORE);
        assertEquals(copy, STORE);
    }
}
