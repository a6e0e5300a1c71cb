package dev.stepwise.asl.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per file under asl/validation: a definition and the diagnostics AWS reports for it.
 * Diagnostics are compared as a set (AWS: "Do not rely on the exact order, count, or wording of
 * diagnostic messages" — the order is ours); a case's message is checked only where it is given.
 */
class DefinitionValidationFixturesTest {

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path folder = Path.of(DefinitionValidationFixturesTest.class.getResource("/asl/validation").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .map(f -> Arguments.of(f.getFileName().toString(), f))
                    .toList().stream();
        }
    }

    @DisplayName("a definition gets the diagnostics AWS gives it")
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatAwsReports(String name, Path file) throws IOException {
        JsonNode fixture = Json.parse(Files.readString(file));
        JsonNode expect = fixture.get("expect");
        List<Diagnostic> actual = fixture.has("definitionText")
                ? new DefinitionValidator().validate(fixture.get("definitionText").textValue())
                : new DefinitionValidator().validate(fixture.get("definition"));

        if ("VALID".equals(expect.get("status").asText())) {
            assertEquals(List.of(), actual, fixture.path("description").asText());
            return;
        }
        List<Diagnostic> unmatched = new ArrayList<>(actual);
        List<String> missing = new ArrayList<>();
        for (JsonNode wanted : expect.get("diagnostics")) {
            Diagnostic match = unmatched.stream().filter(d -> matches(wanted, d)).findFirst().orElse(null);
            if (match == null) {
                missing.add(Json.write(wanted));
            } else {
                unmatched.remove(match);
            }
        }
        if (!missing.isEmpty() || !unmatched.isEmpty()) {
            fail(fixture.path("description").asText() + "\n  expected but not reported: " + missing
                    + "\n  reported but not expected: " + unmatched);
        }
    }

    private static boolean matches(JsonNode wanted, Diagnostic actual) {
        String location = wanted.get("location").isNull() ? null : wanted.get("location").asText();
        return wanted.get("code").asText().equals(actual.code())
                && java.util.Objects.equals(location, actual.location())
                && (!wanted.has("message") || wanted.get("message").asText().equals(actual.message()))
                && actual.severity() == Diagnostic.Severity.ERROR;
    }
}
