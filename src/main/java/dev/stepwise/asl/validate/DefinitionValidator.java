package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.JsonSyntaxError;
import java.util.List;
import java.util.Map;

/**
 * Walks a whole definition and reports every problem at once, in the shape of AWS
 * ValidateStateMachineDefinition's diagnostics. Codes used: SCHEMA_VALIDATION_FAILED,
 * MISSING_TRANSITION_TARGET (a Next/Default/StartAt naming no state, and unreachable states),
 * MISSING_END_STATE, DUPLICATE_STATE_NAME, INVALID_STATE_NAME, INVALID_JSON_DESCRIPTION and
 * MISSING_DESCRIPTION (the API reference's list of error codes). Locations are JSON pointers from
 * the document root: "/" for the document, "/States/Hello/Next", "/States/T/Retry/0/ErrorEquals".
 * A bad definition never makes this throw: any JSON gives findings.
 */
public final class DefinitionValidator {
    private static final List<String> TOP_LEVEL_FIELDS =
            List.of("StartAt", "States", "Comment", "QueryLanguage", "TimeoutSeconds", "Version");
    static final List<String> QUERY_LANGUAGES = List.of("JSONPath", "JSONata");

    /** All findings for a parsed definition document; empty when it is valid. */
    public List<Diagnostic> validate(JsonNode definition) {
        Findings findings = new Findings();
        if (definition == null || !definition.isObject()) {
            // LocalStack snapshot recorded on AWS (test_sfn_api_validation, EMPTY_STRING): no location.
            findings.schema("Definition must be a valid JSON object", null);
            return findings.all();
        }
        Map<String, String> misspelt = findings.unknownFields(definition, "/", TOP_LEVEL_FIELDS);
        if (definition.has("Comment")) {
            findings.isString(definition.get("Comment"), "/Comment");
        }
        if (definition.has("Version")) {
            findings.oneOf(definition.get("Version"), "/Version", List.of("1.0"));
        }
        if (definition.has("TimeoutSeconds")) {
            // AWS accepts 0 here (measured; published with the cdk_preflight rego rules).
            findings.integerIn(definition.get("TimeoutSeconds"), "/TimeoutSeconds", 0, 99999999L);
        }
        boolean jsonata = false;
        if (definition.has("QueryLanguage")) {
            findings.oneOf(definition.get("QueryLanguage"), "/QueryLanguage", QUERY_LANGUAGES);
            jsonata = !StateValidator.isJsonPath(definition.get("QueryLanguage"));
        }
        new ScopeValidator(findings, jsonata).validate(definition, "/", misspelt.keySet());
        return findings.all();
    }

    /**
     * Findings for definition text. Unparseable JSON is INVALID_JSON_DESCRIPTION with the parser's
     * message, as AWS reports it (LocalStack snapshot recorded on AWS, test_sfn_api_validation
     * NOT_A_DEF); where AWS then quotes the whole definition as "[Source: (String)"...";
     * line: L, column: C]", in the message and as the location, the location here is
     * "line L, column C" and the message ends "at line L, column C": a person or an editor finds
     * the place from that, and a long definition is not printed back (issue #16).
     */
    public List<Diagnostic> validate(String definitionText) {
        if (definitionText == null) {
            return List.of(Diagnostic.error(Findings.MISSING_DESCRIPTION, "Received a null or empty workflow input", null));
        }
        if (definitionText.isBlank()) {
            return validate((JsonNode) null);
        }
        JsonNode tree;
        try {
            tree = Json.parseDocument(definitionText);
        } catch (JsonSyntaxError e) {
            return List.of(Diagnostic.error(Findings.INVALID_JSON_DESCRIPTION, e.getMessage(), e.location()));
        }
        List<Diagnostic> duplicates = DuplicateStateNames.find(definitionText);
        List<Diagnostic> findings = validate(tree);
        if (duplicates.isEmpty()) {
            return findings;
        }
        java.util.ArrayList<Diagnostic> all = new java.util.ArrayList<>(duplicates);
        all.addAll(findings);
        return List.copyOf(all);
    }

    /**
     * Like {@link #validate(JsonNode)}, throwing {@link InvalidDefinitionException} when an ERROR
     * is found: as with AWS CreateStateMachine, warnings alone do not make a definition invalid.
     */
    public void check(JsonNode definition) {
        List<Diagnostic> errors = validate(definition).stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
    }
}
