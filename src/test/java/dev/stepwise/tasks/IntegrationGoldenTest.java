package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per file in src/test/resources/tasks: a Task's resource and parameters, what the
 * in-test service answers, what it must have received, and the Task's output or error and cause.
 * The Date header (the in-test server's clock) is left out of the comparison.
 */
class IntegrationGoldenTest {
    static Stream<Path> cases() throws IOException {
        return Files.list(Path.of("src/test/resources/tasks")).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theIntegrationSendsAndReturnsWhatTheFixtureSays(Path file) throws Exception {
        JsonNode fixture = Json.parse(Files.readString(file));
        JsonNode reply = fixture.get("reply");
        AtomicReference<FakeService.Received> received = new AtomicReference<>();
        try (FakeService peer = new FakeService(request -> {
            received.set(request);
            Map<String, String> headers = new HashMap<>();
            reply.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            return new FakeService.Reply(reply.get("status").asInt(), headers, reply.get("body").asText());
        })) {
            URI uri = peer.uri();
            Integrations integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                    .withEndpoints(Map.of("lambda", uri, "sns", uri, "events", uri, "sqs", uri, "dynamodb", uri, "s3", uri,
                            "states", uri, "secretsmanager", uri, "ssm", uri)));
            JsonNode parameters = Json.parse(Json.write(fixture.get("parameters")).replace("${peer}", uri.toString()));
            Resumption result = integrations.execute(Requests.task(fixture.get("resource").asText(), parameters), "exec/0/0");

            JsonNode sent = fixture.get("sent");
            if (sent != null) {
                FakeService.Received request = received.get();
                assertEquals(sent.get("method").asText(), request.method());
                assertEquals(sent.get("path").asText(), request.uri().toString());
                if (sent.has("headers")) {
                    sent.get("headers").fields().forEachRemaining(h -> assertEquals(h.getValue().asText(), request.header(h.getKey()),
                            h.getKey()));
                }
                if (sent.has("body")) {
                    JsonNode body = sent.get("body");
                    if (body.isTextual()) {
                        assertEquals(body.asText(), request.body());
                    } else {
                        assertEquals(body, Json.parse(request.body()));
                    }
                }
            }
            if (fixture.has("output")) {
                JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result, result.toString()).output();
                assertEquals(fixture.get("output"), withoutDate(output));
            } else {
                Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, result, result.toString());
                assertEquals(fixture.get("error").asText(), failed.error());
                String cause = fixture.get("cause").asText();
                if (cause.startsWith("{\"Headers\"")) {
                    assertEquals(Json.parse(cause), withoutDate(Json.parse(failed.cause())));
                } else {
                    assertEquals(cause, failed.cause());
                }
            }
        }
    }

    private static JsonNode withoutDate(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        for (String path : new String[] {"/SdkHttpMetadata/AllHttpHeaders", "/SdkHttpMetadata/HttpHeaders", "/Headers"}) {
            JsonNode headers = copy.at(path);
            if (headers.isObject()) {
                ((ObjectNode) headers).remove(java.util.List.of("Date", "date"));
            }
        }
        return copy;
    }
}
