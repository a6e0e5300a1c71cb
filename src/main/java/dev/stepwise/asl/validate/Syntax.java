package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.intrinsic.IntrinsicFunctions;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.path.PathSyntaxException;
import dev.stepwise.asl.path.ReferencePath;
import java.util.Iterator;
import java.util.Map;

/**
 * Syntax checks of paths, reference paths and payload templates, reported at the field that holds
 * them. "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call"
 * is AWS's CreateStateMachine wording (quoted verbatim in many public deploy logs, e.g. Terraform's
 * "invalid Step Functions State Machine Definition: ERROR (SCHEMA_VALIDATION_FAILED): The value for
 * the field 'Message.$' must be a valid JSONPath or a valid intrinsic function call").
 */
final class Syntax {
    private final Findings findings;

    Syntax(Findings findings) {
        this.findings = findings;
    }

    /** InputPath, OutputPath, ItemsPath, *Path: a JSONPath, or null where {@code nullable}. */
    void path(JsonNode value, String field, String location, boolean nullable) {
        if (value == null || (nullable && value.isNull())) {
            return;
        }
        if (!value.isTextual() || !parses(() -> JsonPath.compile(value.textValue()))) {
            findings.schema("The value for the field '" + field + "' must be a valid JSONPath", location);
        }
    }

    /**
     * SecondsPath, TimeoutSecondsPath, MaxConcurrencyPath...: the spec calls them Reference Paths,
     * a path that selects one value; AWS refuses "$.limits[*]" as MaxConcurrencyPath (measured,
     * floci-io/floci integration tests). The context object ($$) is allowed.
     */
    void singleValuePath(JsonNode value, String field, String location) {
        if (value == null) {
            return;
        }
        if (!value.isTextual() || !parses(() -> {
            if (!JsonPath.compile(value.textValue()).isDefinite()) {
                throw new PathSyntaxException("not a single value");
            }
        })) {
            findings.schema("The value for the field '" + field + "' must be a valid ReferencePath", location);
        }
    }

    /** ResultPath: a Reference Path, or null (discard the result). */
    void referencePath(JsonNode value, String field, String location) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual() || !parses(() -> ReferencePath.compile(value.textValue()))) {
            findings.schema("The value for the field '" + field + "' must be a valid ReferencePath", location);
        }
    }

    /** A value that is a path or an intrinsic function call: a template's {@code .$} field, ErrorPath, CausePath. */
    void pathOrIntrinsic(JsonNode value, String field, String location) {
        if (!value.isTextual() || !parsesAsPathOrCall(value.textValue())) {
            findings.schema("The value for the field '" + field
                    + "' must be a valid JSONPath or a valid intrinsic function call", location);
        }
    }

    /** Parameters, ResultSelector, ItemSelector and Assign (JSONPath): every {@code .$} field, at any depth. */
    void template(JsonNode template, String location) {
        if (template.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = Findings.at(location, field.getKey());
                if (field.getKey().endsWith(".$")) {
                    pathOrIntrinsic(field.getValue(), field.getKey(), at);
                } else {
                    template(field.getValue(), at);
                }
            }
        } else if (template.isArray()) {
            for (int i = 0; i < template.size(); i++) {
                template(template.get(i), Findings.at(location, i));
            }
        }
    }

    private static boolean parsesAsPathOrCall(String text) {
        if (text.startsWith("$")) {
            return parses(() -> JsonPath.compile(text));
        }
        return IntrinsicFunctions.isCall(text) && parses(() -> IntrinsicFunctions.parse(text));
    }

    /** The one place that calls the path and intrinsic parsers. */
    private static boolean parses(Runnable compile) {
        try {
            compile.run();
            return true;
        } catch (PathSyntaxException e) {
            return false;
        } catch (RuntimeException e) {
            // A parser bug must not make validate() throw: whatever it cannot read is invalid.
            return false;
        }
    }
}
