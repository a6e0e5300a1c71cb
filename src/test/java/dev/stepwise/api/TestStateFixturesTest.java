package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.InspectionData;
import software.amazon.awssdk.services.sfn.model.InspectionErrorDetails;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TestStateRequest;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * Every TestState fixture under src/test/resources/teststate/ sent with the real AWS SDK for
 * Java's SfnClient: the request members as the fixture gives them, the answer compared member by
 * member (JSON text as JSON values) with what the fixture's source recorded on AWS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestStateFixturesTest {
    private static final Path ROOT = Path.of("src/test/resources/teststate");
    private final LocalSfn local = new LocalSfn();

    @AfterAll
    void stop() {
        local.close();
        assertEquals(List.of(), local.bugs);
    }

    @TestFactory
    Stream<DynamicTest> everyTestStateFixtureAnswersAsOnAws() throws IOException {
        try (Stream<Path> files = Files.list(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream().map(file -> {
                JsonNode fixture = read(file);
                return DynamicTest.dynamicTest(file.getFileName().toString().replace(".json", "") + ": "
                        + fixture.path("description").asText(), file.toUri(), () -> check(fixture));
            });
        }
    }

    private void check(JsonNode fixture) {
        assertTrue(fixture.path("source").asText().length() > 10, "a fixture names its source");
        TestStateRequest request = request(fixture.get("request"));
        JsonNode expect = fixture.get("expect");
        if (expect.has("exception")) {
            try {
                local.sfn.testState(request);
                fail("expected " + expect.get("exception"));
            } catch (SfnException e) {
                assertEquals(expect.at("/exception/code").asText(), e.awsErrorDetails().errorCode(), e.getMessage());
                assertEquals(expect.at("/exception/message").asText(), e.awsErrorDetails().errorMessage());
            }
            return;
        }
        TestStateResponse response = local.sfn.testState(request);
        assertEquals(expect.get("status").asText(), response.statusAsString(), response.toString());
        assertText(expect.get("error"), response.error(), "error");
        assertText(expect.get("cause"), response.cause(), "cause");
        assertText(expect.get("nextState"), response.nextState(), "nextState");
        if (expect.has("output")) {
            assertJson(expect.get("output"), response.output(), "output");
        }
        if (expect.has("inspectionData")) {
            assertInspection(expect.get("inspectionData"), response.inspectionData());
        }
    }

    /** The fixture's request as the SDK builds it (members as the API reference names them). */
    private static TestStateRequest request(JsonNode r) {
        TestStateRequest.Builder b = TestStateRequest.builder().definition(r.get("definition").asText());
        text(r, "roleArn").ifPresent(b::roleArn);
        text(r, "input").ifPresent(b::input);
        text(r, "inspectionLevel").ifPresent(b::inspectionLevel);
        text(r, "variables").ifPresent(b::variables);
        text(r, "stateName").ifPresent(b::stateName);
        text(r, "context").ifPresent(b::context);
        if (r.has("revealSecrets")) {
            b.revealSecrets(r.get("revealSecrets").asBoolean());
        }
        JsonNode mock = r.get("mock");
        if (mock != null) {
            b.mock(m -> {
                text(mock, "result").ifPresent(m::result);
                text(mock, "fieldValidationMode").ifPresent(m::fieldValidationMode);
                if (mock.has("errorOutput")) {
                    m.errorOutput(e -> e.error(mock.at("/errorOutput/error").asText()).cause(mock.at("/errorOutput/cause").asText()));
                }
            });
        }
        JsonNode configuration = r.get("stateConfiguration");
        if (configuration != null) {
            b.stateConfiguration(c -> {
                if (configuration.has("retrierRetryCount")) {
                    c.retrierRetryCount(configuration.get("retrierRetryCount").asInt());
                }
                if (configuration.has("mapIterationFailureCount")) {
                    c.mapIterationFailureCount(configuration.get("mapIterationFailureCount").asInt());
                }
                text(configuration, "errorCausedByState").ifPresent(c::errorCausedByState);
                text(configuration, "mapItemReaderData").ifPresent(c::mapItemReaderData);
            });
        }
        return b.build();
    }

    /** Every member AWS recorded, and no other: JSON text compared as JSON, numbers and errorDetails as given. */
    private static void assertInspection(JsonNode expected, InspectionData actual) {
        assertNotNull(actual, "inspectionData");
        Map<String, Object> members = new TreeMap<>();
        actual.sdkFields().forEach(field -> {
            Object value = field.getValueOrDefault(actual);
            if (value != null) {
                members.put(field.memberName(), value);
            }
        });
        assertEquals(new TreeMap<>(Json.MAPPER.convertValue(expected, Map.class)).keySet(), members.keySet(), "inspectionData members " + actual);
        expected.fields().forEachRemaining(member -> {
            Object value = members.get(member.getKey());
            if (value instanceof String text) {
                assertJson(member.getValue(), text, "inspectionData." + member.getKey());
            } else if (value instanceof InspectionErrorDetails details) {
                ObjectNode shown = Json.object();
                if (details.catchIndex() != null) {
                    shown.put("catchIndex", details.catchIndex());
                }
                if (details.retryIndex() != null) {
                    shown.put("retryIndex", details.retryIndex());
                }
                if (details.retryBackoffIntervalSeconds() != null) {
                    shown.put("retryBackoffIntervalSeconds", details.retryBackoffIntervalSeconds());
                }
                assertEquals(member.getValue(), shown, "inspectionData.errorDetails");
            } else {
                assertEquals(member.getValue().asDouble(), ((Number) value).doubleValue(), "inspectionData." + member.getKey());
            }
        });
    }

    private static void assertJson(JsonNode expected, String actual, String what) {
        assertNotNull(actual, what);
        if (!Json.sameValue(expected, Json.parse(actual))) {
            fail(what + ": expected " + Json.write(expected) + " but was " + actual);
        }
    }

    private static void assertText(JsonNode expected, String actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
        } else {
            assertEquals(expected.asText(), actual, what);
        }
    }

    private static java.util.Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? java.util.Optional.empty() : java.util.Optional.of(value.asText());
    }

    private static JsonNode read(Path file) {
        try {
            return Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
