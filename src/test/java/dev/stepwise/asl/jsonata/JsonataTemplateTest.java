package dev.stepwise.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.PathSyntaxException;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonataTemplateTest {
    private static final JsonNode STATES = Json.parse(
            "{\"input\": {\"title\": \"Doctor\", \"n\": null, \"items\": [1, 2]}, \"context\": {\"State\": {\"Name\": \"S\"}}}");

    private static JsonNode evaluate(String field, String template) {
        return JsonataTemplate.compile(field, Json.parse(template))
                .evaluate(STATES, Map.of("customerName", Json.NODES.textNode("María")), new SplittableRandom(1));
    }

    @ParameterizedTest(name = "\"{0}\" is an expression: {1}")
    @CsvSource(delimiter = '|', value = {
            "{% $x %}    | true",
            "{%$x%}      | true",
            "' {% $x %}' | false",
            "'{% $x %} ' | false",
            "$x          | false",
            "{% $x       | false",
            "{%}         | false",
    })
    void anExpressionStartsWithOpenAndEndsWithCloseExactly(String value, boolean expected) {
        assertEquals(expected, JsonataTemplate.isExpression(value));
    }

    @Test
    void evaluatesStringsAnywhereAndKeepsEverythingElse() {
        // AWS's conversion example: static values stay, "{% ... %}" strings are evaluated,
        // and "$customerName" without delimiters is not evaluated.
        JsonNode result = evaluate("Arguments", """
                {"static": "Hello", "title": "{% $states.input.title %}", "name": "{% $customerName %}",
                 "not-evaluated": "$customerName", "{% keys are literal %}": [1, "{% 1 + 1 %}", {"s": "{% $states.context.State.Name %}"}]}
                """);
        assertEquals("{\"static\":\"Hello\",\"title\":\"Doctor\",\"name\":\"María\",\"not-evaluated\":\"$customerName\","
                + "\"{% keys are literal %}\":[1,2,{\"s\":\"S\"}]}", Json.write(result));
    }

    @Test
    void aWholeFieldExpressionGivesAnyJsonValue() {
        assertEquals("[1,2]", Json.write(evaluate("Items", "\"{% $states.input.items %}\"")));
        assertEquals("true", Json.write(evaluate("Choices[0]/Condition", "\"{% $states.input.title = 'Doctor' %}\"")));
    }

    @Test
    void aNullResultIsKept() {
        assertEquals("{\"v\":null,\"a\":[null]}", Json.write(evaluate("Output", "{\"v\": \"{% $states.input.n %}\", \"a\": [\"{% null %}\"]}")));
    }

    @Test
    void anUndefinedObjectFieldFailsNamingItsPath() {
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> evaluate("Arguments", "{\"Input\": {\"pushLocation\": \"{% $states.input.pushLocation %}\"}}"));
        assertEquals("States.QueryEvaluationError", failure.error());
        assertEquals("Arguments/Input/pushLocation", ((QueryEvaluationFailure) failure).location());
        // Recorded on AWS for the same shape of Arguments.
        assertEquals("The JSONata expression '$states.input.pushLocation' specified for the field "
                + "'Arguments/Input/pushLocation' returned nothing (undefined).", failure.cause());
    }

    @Test
    void anUndefinedArrayElementFailsNamingItsIndex() {
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> evaluate("Output", "{\"a\": [1, \"{% $states.input.nope %}\"]}"));
        assertEquals("The JSONata expression '$states.input.nope' specified for the field 'Output/a[1]' "
                + "returned nothing (undefined).", failure.cause());
    }

    @Test
    void anUndefinedWholeFieldFailsNamingTheField() {
        StatesFailure failure = assertThrows(StatesFailure.class, () -> evaluate("Output", "\"{% $states.input.nope %}\""));
        assertEquals("The JSONata expression '$states.input.nope' specified for the field 'Output' "
                + "returned nothing (undefined).", failure.cause());
    }

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', value = {
            "Output    | \"{% $doesNotExist %}\"             | Output",
            "Output    | {\"result\": \"{% $doesNotExist %}\"} | Output/result",
            "Assign    | {\"result\": \"{% $doesNotExist %}\"} | Assign/result",
            "Arguments | \"{% $doesNotExist %}\"             | Arguments",
            "Arguments | {\"FunctionName\": \"{% $doesNotExist %}\"} | Arguments/FunctionName",
    })
    void undefinedCausesAreWordedAsRecordedOnAws(String field, String template, String location) {
        // LocalStack test_assign_reference_variables snapshot, test_undefined_reference[*], recorded on AWS.
        QueryEvaluationFailure failure = assertThrows(QueryEvaluationFailure.class, () -> evaluate(field, template));
        assertEquals("The JSONata expression '$doesNotExist' specified for the field '" + location
                + "' returned nothing (undefined).", failure.cause());
        assertEquals(location, failure.location());
    }

    @Test
    void aValueWithoutExpressionsIsReturnedAsItIs() {
        JsonNode template = Json.parse("{\"a\": [1, \"x\", {\"b\": \"$.c\"}]}");
        JsonataTemplate compiled = JsonataTemplate.compile("Output", template);
        assertTrue(compiled.isConstant());
        assertSame(template, compiled.evaluate(STATES, Map.of(), new SplittableRandom(1)));
        assertFalse(JsonataTemplate.compile("Output", Json.parse("[\"{% 1 %}\"]")).isConstant());
    }

    @Test
    void aSyntaxErrorAnywhereIsFoundWhenCompiled() {
        assertThrows(PathSyntaxException.class, () -> JsonataTemplate.compile("Output", Json.parse("{\"a\": [\"{% a[1,2) %}\"]}")));
    }

    @Test
    void theExpressionTextIsTrimmed() {
        assertEquals("$states.input", JsonataTemplate.expressionText("{%   $states.input   %}"));
    }
}
