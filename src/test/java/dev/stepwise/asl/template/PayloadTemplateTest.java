package dev.stepwise.asl.template;

import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.PathSyntaxException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadTemplateTest {

    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    private static JsonNode evaluate(String template, String input) {
        return PayloadTemplate.compile(json(template)).evaluate(Bindings.ofInput(json(input)));
    }

    /** "InputPath, Parameters and ResultSelector" page of the AWS developer guide. */
    @Test
    void selectsWhatTheParametersExampleCaresAbout() {
        String input = """
                {"comment": "Example for Parameters.",
                 "product": {"details": {"color": "blue", "size": "small", "material": "cotton"},
                             "availability": "in stock", "sku": "2317", "cost": "$23"}}""";
        String template = """
                {"comment": "Selecting what I care about.",
                 "MyDetails": {"size.$": "$.product.details.size",
                               "exists.$": "$.product.availability",
                               "StaticValue": "foo"}}""";
        assertEquals(json("""
                {"comment": "Selecting what I care about.",
                 "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}"""),
                evaluate(template, input));
    }

    /** "Passing parameters to a service API" page: a path as a parameter. */
    @Test
    void passesANodeOfTheInputAsAParameter() {
        assertEquals(json("{\"myMessage\":\"foo\"}"), evaluate("{\"myMessage.$\": \"$.input.message\"}",
                "{\"comment\":\"A message in the state input\",\"input\":{\"message\":\"foo\",\"otherInfo\":\"bar\"},\"data\":\"example\"}"));
    }

    /** ResultSelector example of the AWS developer guide (EMR createCluster.sync result). */
    @Test
    void selectsFromATaskResult() {
        String result = """
                {"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
                 "output": {"SdkHttpMetadata": {"HttpHeaders": {"Content-Length": "1112"}, "HttpStatusCode": 200},
                            "SdkResponseMetadata": {"RequestId": "1234-5678-9012"},
                            "ClusterId": "AKIAIOSFODNN7EXAMPLE"}}""";
        assertEquals(json("{\"ClusterId\":\"AKIAIOSFODNN7EXAMPLE\",\"ResourceType\":\"elasticmapreduce\"}"),
                evaluate("{\"ClusterId.$\": \"$.output.ClusterId\", \"ResourceType.$\": \"$.resourceType\"}", result));
    }

    /** The Parameters example of the Amazon States Language specification, with a slice. */
    @Test
    void extractsAndEmbedsAsTheSpecificationShows() {
        assertEquals(json("{\"flagged\":true,\"parts\":{\"first\":0,\"last3\":[30,40,50]}}"),
                evaluate("{\"flagged\": true, \"parts\": {\"first.$\": \"$.vals[0]\", \"last3.$\": \"$.vals[3:]\"}}",
                        "{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50]}"));
    }

    @Test
    void readsTheContextObject() {
        JsonNode context = json("{\"Execution\":{\"Id\":\"arn:aws:states:us-east-1:123456789012:execution:m:e\"},"
                + "\"Map\":{\"Item\":{\"Index\":2,\"Value\":{\"a\":1}}}}");
        PayloadTemplate template = PayloadTemplate.compile(json(
                "{\"ExecutionID.$\": \"$$.Execution.Id\", \"ContextIndex.$\": \"$$.Map.Item.Index\","
                        + " \"ContextValue.$\": \"$$.Map.Item.Value\", \"whole.$\": \"$\"}"));
        JsonNode output = template.evaluate(Bindings.of(json("{\"in\":true}"), () -> context, new SplittableRandom(0)));
        assertEquals(json("{\"ExecutionID\":\"arn:aws:states:us-east-1:123456789012:execution:m:e\","
                + "\"ContextIndex\":2,\"ContextValue\":{\"a\":1},\"whole\":{\"in\":true}}"), output);
    }

    @Test
    void processesObjectsInsideArrays() {
        String template = """
                {"Overrides": {"ContainerOverrides": [{"Name": "app",
                   "Environment": [{"Name": "ID", "Value.$": "$.id"}, {"Name": "STATIC", "Value": "x"}]}]},
                 "Tags": ["a", ["b"]]}""";
        assertEquals(json("""
                {"Overrides": {"ContainerOverrides": [{"Name": "app",
                   "Environment": [{"Name": "ID", "Value": "42"}, {"Name": "STATIC", "Value": "x"}]}]},
                 "Tags": ["a", ["b"]]}"""), evaluate(template, "{\"id\":\"42\"}"));
    }

    @Test
    void copiesStaticValuesAsTheyAreAndSharesThem() {
        JsonNode template = json("{\"static\": {\"a\": [1, 2.5, null, \"$.not.a.path\"]}, \"v.$\": \"$.v\"}");
        JsonNode output = PayloadTemplate.compile(template).evaluate(Bindings.ofInput(json("{\"v\":1}")));
        assertEquals(json("{\"static\":{\"a\":[1,2.5,null,\"$.not.a.path\"]},\"v\":1}"), output);
        assertSame(template.get("static"), output.get("static"));
    }

    @Test
    void anIndefinitePathGivesTheArrayOfMatchesEvenWhenEmpty() {
        assertEquals(json("{\"ids\":[1,2],\"none\":[]}"),
                evaluate("{\"ids.$\": \"$.items[*].id\", \"none.$\": \"$.items[?(@.id > 5)].id\"}",
                        "{\"items\":[{\"id\":1},{\"id\":2}]}"));
    }

    @Test
    void aMissingPathFailsWithAwsRuntimeCause() {
        // As recorded on AWS: "The JSONPath '$.JobName' specified for the field 'JobName.$' could
        // not be found in the input '{}'" (States.Runtime; the engine adds the state prefix).
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> evaluate("{\"JobName.$\": \"$.JobName\"}", "{}"));
        assertEquals("States.Runtime", failure.error());
        assertEquals("The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'",
                failure.cause());
    }

    @Test
    void aNullInputFailsAnyInputPathAsOnAws() {
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> evaluate("{\"Input.$\": \"$\", \"Stage\": \"start\"}", "null"));
        assertEquals("States.Runtime", failure.error());
        assertEquals("Unable to apply Path transformation to null or empty input.", failure.cause());
        assertEquals(json("{\"c\":null}"), PayloadTemplate.compile(json("{\"c.$\": \"$$.Missing\"}"))
                .evaluate(Bindings.of(json("null"), () -> json("{\"Missing\":null}"), new SplittableRandom(0))));
    }

    @Test
    void aMissingIntermediateObjectFailsLikeAMissingLeaf() {
        // AWS workshop execution: input {"flagged":false}, "address.$": "$.application.address".
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> evaluate("{\"address.$\": \"$.application.address\"}", "{\"flagged\":false}"));
        assertEquals("The JSONPath '$.application.address' specified for the field 'address.$' could not be found "
                + "in the input '{\"flagged\":false}'", failure.cause());
    }

    @Test
    void aJaywayFunctionFailsAtRunTimeAsOnAws() {
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> evaluate("{\"Jobs.$\": \"$.Jobs.sum()\"}", "{\"Jobs\":[0,0,1]}"));
        assertEquals("The JSONPath '$.Jobs.sum()' specified for the field 'Jobs.$' could not be found in the input "
                + "'{\"Jobs\":[0,0,1]}'", failure.cause());
    }

    @Test
    void aMissingNestedPathNamesItsOwnField() {
        StatesFailure failure = assertThrows(StatesFailure.class,
                () -> evaluate("{\"outer\": {\"missing.$\": \"$.nope.deep\"}}", "{\"other\":1}"));
        assertEquals("The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input "
                + "'{\"other\":1}'", failure.cause());
    }

    /** The States.Format example of the "Intrinsic functions" page of the AWS developer guide. */
    @Test
    void callsIntrinsicFunctions() {
        assertEquals(json("{\"foo\":\"Hello, my name is Arnav.\",\"n\":{\"number\":20},\"static\":\"States.Format\"}"),
                evaluate("{\"foo.$\": \"States.Format('Hello, my name is {}.', $.name)\","
                        + " \"n.$\": \"States.StringToJson('{\\\"number\\\": 20}')\", \"static\": \"States.Format\"}",
                        "{\"name\": \"Arnav\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a.$\": \"missing\"}", "{\"a.$\": \"States.NoSuchFunction()\"}", "{\"a.$\": \"States.Format(\"}"})
    void rejectsADollarFieldThatIsNeitherAPathNorACall(String template) {
        // AWS (SCHEMA_VALIDATION_FAILED): "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call"
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> PayloadTemplate.compile(json(template)));
        assertTrue(e.getMessage().startsWith("The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a.$\": 1}", "{\"a.$\": {\"b\": \"$.c\"}}", "{\"a.$\": null}", "{\"x\": [{\"a.$\": \"$.b[\"}]}"})
    void rejectsADollarFieldThatIsNotAPath(String template) {
        PathSyntaxException e = assertThrows(PathSyntaxException.class, () -> PayloadTemplate.compile(json(template)));
        assertTrue(e.getMessage().startsWith("The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call"),
                e.getMessage());
    }
}
