package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP Task (http:invoke) against an in-test HTTP API. */
class HttpInvokeTest {
    static final String CONNECTION = "arn:aws:events:us-east-1:123456789012:connection/api/1";
    private static FakeService api;
    private static Integrations integrations;

    @BeforeAll
    static void start() throws Exception {
        api = new FakeService(request -> switch (request.uri().getPath()) {
            case "/customers" -> FakeService.Reply.json(200, "{\"data\":[{\"id\":\"c1\"}]}");
            case "/text" -> new FakeService.Reply(201, Map.of("Content-Type", "text/plain"), "created");
            default -> FakeService.Reply.json(404, "{\"message\":\"no such path\"}");
        });
        integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withHttpAuth(HttpAuth.parse(List.of("X-Api-Key:secret-1", CONNECTION + "=Authorization:Bearer tok"))));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aGetSendsQueryParametersHeadersAndConfiguredAuthenticationAndReturnsTheResponse() {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::http:invoke", """
                {"ApiEndpoint":"%s/customers","Method":"GET","Headers":{"Accept":"application/json"},
                 "QueryParameters":{"limit":"10","tag":["a","b c"]},
                 "Authentication":{"ConnectionArn":"%s"}}""".formatted(api.uri(), CONNECTION)), "k");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result).output();
        assertEquals(Json.parse("{\"data\":[{\"id\":\"c1\"}]}"), output.get("ResponseBody"));
        assertEquals("200", output.get("StatusCode").asText());
        assertEquals("OK", output.get("StatusText").asText());
        assertEquals(Json.parse("[\"application/json\"]"), LambdaInvokeTest.header(output.get("Headers"), "Content-Type"));
        FakeService.Received call = api.last();
        assertEquals("GET", call.method());
        assertEquals("limit=10&tag=a&tag=b%20c", call.uri().getRawQuery());
        assertEquals("application/json", call.header("Accept"));
        assertEquals("secret-1", call.header("X-Api-Key"));
        assertEquals("Bearer tok", call.header("Authorization"));
    }

    @Test
    void aUrlEncodedBodyFollowsTheArrayFormat() {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::http:invoke", """
                {"ApiEndpoint":"%s/text","Method":"POST","RequestBody":{"name":"a b","ids":[1,2]},
                 "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"BRACKETS"}}}"""
                .formatted(api.uri())), "k");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result).output();
        assertEquals("created", output.get("ResponseBody").asText());
        assertEquals("201", output.get("StatusCode").asText());
        assertEquals("name=a%20b&ids%5B%5D=1&ids%5B%5D=2", api.last().body());
        assertEquals("application/x-www-form-urlencoded", api.last().header("Content-Type"));
        assertEquals("ids[0]=x&ids[1]=y", java.net.URLDecoder.decode(
                HttpInvoke.formEncode(Json.parse("{\"ids\":[\"x\",\"y\"]}"), "INDICES"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("ids=x,y", HttpInvoke.formEncode(Json.parse("{\"ids\":[\"x\",\"y\"]}"), "COMMAS"));
        assertEquals("ids=x&ids=y", HttpInvoke.formEncode(Json.parse("{\"ids\":[\"x\",\"y\"]}"), "REPEAT"));
    }

    @Test
    void aJsonBodyIsSentAsJsonText() {
        integrations.execute(Requests.task("arn:aws:states:::http:invoke", """
                {"ApiEndpoint":"%s/text","Method":"PUT","RequestBody":{"a":[1,{"b":null}]}}""".formatted(api.uri())), "k");
        assertEquals("{\"a\":[1,{\"b\":null}]}", api.last().body());
        assertEquals("application/json", api.last().header("Content-Type"));
    }

    @Test
    void aStatusOutsideTwoHundredsFailsWithStatesHttpStatusCode() {
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, integrations.execute(
                Requests.task("arn:aws:states:::http:invoke", "{\"ApiEndpoint\":\"" + api.uri() + "/missing\",\"Method\":\"GET\"}"),
                "k"));
        assertEquals("States.Http.StatusCode.404", failed.error());
        JsonNode cause = Json.parse(failed.cause());
        assertEquals("404", cause.get("StatusCode").asText());
        assertEquals("Not Found", cause.get("StatusText").asText());
        assertEquals(Json.parse("{\"message\":\"no such path\"}"), cause.get("ResponseBody"));
    }

    @Test
    void noAnswerIsStatesHttpSocket() {
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, integrations.execute(
                Requests.task("arn:aws:states:::http:invoke", "{\"ApiEndpoint\":\"http://127.0.0.1:1/x\",\"Method\":\"GET\"}"), "k"));
        assertEquals("States.Http.Socket", failed.error());
        assertTrue(!failed.cause().isEmpty());
    }
}
