package dev.stepwise.asl.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {
    private final DefinitionValidator validator = new DefinitionValidator();

    @Test
    void oneFindingReadsLikeAwsCreateStateMachine() {
        InvalidDefinitionException e = new InvalidDefinitionException(List.of(
                Diagnostic.error("MISSING_TRANSITION_TARGET", "Missing 'Next' target: pass3", "/States/pass1/Next")));
        assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3"
                + " at /States/pass1/Next'", e.getMessage());
    }

    @Test
    void severalFindingsShareOnePairOfQuotesAsAwsPrintsThem() {
        // AWS's answer for this definition, quoted in localstack/localstack issue #11978.
        JsonNode definition = Json.parse("""
                {"StartAt": "pass1", "States": {
                  "pass1": {"Type": "Pass", "Next": "pass3"},
                  "pass2": {"Type": "Pass", "End": true}}}""");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> validator.check(definition));
        assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3"
                + " at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2'",
                e.getMessage());
    }

    @Test
    void aFindingWithoutLocationPrintsAtNull() {
        // Measured on AWS (floci-io/floci issue #2735).
        JsonNode definition = Json.parse("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}""");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> validator.check(definition));
        assertEquals("Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'",
                e.getMessage());
    }

    @Test
    void aNullDefinitionTextIsAMissingDescription() {
        assertEquals(List.of(Diagnostic.error("MISSING_DESCRIPTION", "Received a null or empty workflow input", null)),
                validator.validate((String) null));
    }

    @Test
    void trailingTextAfterTheDefinitionIsInvalidJson() {
        List<Diagnostic> found = validator.validate("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}} }");
        assertEquals(1, found.size());
        assertEquals("INVALID_JSON_DESCRIPTION", found.get(0).code());
    }

    @Test
    void aValidDefinitionTextHasNoFindings() {
        assertEquals(List.of(), validator.validate("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}"));
    }

    /** Every field of every valid fixture replaced in turn by values of every other JSON type. */
    @Test
    void neverThrowsWhateverJsonStandsWhereAFieldBelongs() throws Exception {
        java.nio.file.Path folder = java.nio.file.Path.of(getClass().getResource("/asl/validation").toURI());
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            for (java.nio.file.Path file : files.filter(f -> f.getFileName().toString().startsWith("valid-")).toList()) {
                neverThrowsOnMutationsOf(Json.parse(java.nio.file.Files.readString(file)).get("definition"));
            }
        }
    }

    private void neverThrowsOnMutationsOf(JsonNode rich) {
        List<JsonNode> strangers = List.of(Json.NODES.nullNode(), Json.NODES.arrayNode(), Json.NODES.textNode("x"),
                Json.NODES.numberNode(-1), Json.NODES.numberNode(1.5), Json.object(), Json.NODES.booleanNode(true),
                Json.NODES.textNode("$.[["));
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(rich, new ArrayList<>(), paths);
        int checked = 0;
        for (List<Object> path : paths) {
            for (JsonNode stranger : strangers) {
                JsonNode mutated = replace(rich, path, stranger);
                assertDoesNotThrow(() -> validator.validate(mutated), () -> "at " + path + " with " + stranger);
                checked++;
            }
        }
        assertFalse(paths.isEmpty());
        assertEquals(paths.size() * strangers.size(), checked);
    }

    @Test
    void neverThrowsOnDefinitionsThatAreNotObjects() {
        for (String text : List.of("[]", "\"text\"", "1", "null", "true", "{\"States\": null, \"StartAt\": null}")) {
            assertFalse(validator.validate(text).isEmpty(), text);
        }
    }

    private static void collectPaths(JsonNode node, List<Object> prefix, List<List<Object>> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                List<Object> path = new ArrayList<>(prefix);
                path.add(field.getKey());
                out.add(path);
                collectPaths(field.getValue(), path, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = new ArrayList<>(prefix);
                path.add(i);
                out.add(path);
                collectPaths(node.get(i), path, out);
            }
        }
    }

    private static JsonNode replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }
}
