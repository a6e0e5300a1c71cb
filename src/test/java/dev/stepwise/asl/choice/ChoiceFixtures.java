package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases under src/test/resources/choice-operators: one operator, the Variable's value, the operand
 * and what AWS answers (matches, or the error it raises). Their sources are named in each file.
 */
final class ChoiceFixtures {
    static final List<String> FILES = List.of(
            "string.json", "string-matches.json", "numeric.json", "boolean.json", "timestamp.json", "type-tests.json");

    private ChoiceFixtures() {
    }

    /** A case; {@code variable} is MissingNode when the case has no Variable field. */
    record Case(String file, String operator, JsonNode variable, JsonNode value, JsonNode matches, String error,
            boolean pathOnly) {
        @Override
        public String toString() {
            return operator + "(" + variable + ", " + value + ") in " + file;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String file : FILES) {
            for (JsonNode c : load(file).get("cases")) {
                all.add(Arguments.of(new Case(file, c.get("operator").textValue(), c.path("variable"), c.get("value"),
                        c.get("matches"), c.has("error") ? c.get("error").textValue() : null,
                        c.path("pathOnly").asBoolean(false))));
            }
        }
        return all.stream();
    }

    static JsonNode load(String file) {
        try (InputStream in = ChoiceFixtures.class.getResourceAsStream("/choice-operators/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + file);
            }
            return Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
