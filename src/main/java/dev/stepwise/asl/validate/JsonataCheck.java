package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.jsonata.JsonataExpression;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSONata expressions of a JSONata state, checked when the definition is validated, as AWS
 * checks them at CreateStateMachine, UpdateStateMachine and ValidateStateMachineDefinition
 * (measured on AWS, floci-io/floci #2745 and its validation tests):
 * <ul>
 * <li>an expression that does not parse: INVALID_JSONATA_EXPRESSION with the parser's message
 *     without its code ("Unexpected end of expression"), at the field holding it
 *     ({@code /States/Main/Output}, a key deeper: {@code /States/E/Output/v});</li>
 * <li>{@code $$}: UNSUPPORTED_JSONATA_EXPRESSION "Reference to '$$' is not supported.";</li>
 * <li>{@code $states.errorOutput} anywhere but a Catcher's Output or Assign:
 *     UNSUPPORTED_JSONATA_EXPRESSION "Field '$states.errorOutput' does not exist.".</li>
 * </ul>
 * A reference to a variable no state assigns is not refused here: AWS creates such definitions
 * and fails the execution when the expression runs (LocalStack test_undefined_reference, recorded
 * on AWS). {@code $eval} is refused at run time too, not here (floci-io/floci #2737, T1006).
 */
final class JsonataCheck {
    static final String INVALID = "INVALID_JSONATA_EXPRESSION";
    static final String UNSUPPORTED = "UNSUPPORTED_JSONATA_EXPRESSION";
    static final String ROOT_REFERENCE = "Reference to '$$' is not supported.";
    static final String NO_ERROR_OUTPUT = "Field '$states.errorOutput' does not exist.";

    /** The fields of a JSONata state whose string values may be {% %} expressions. */
    private static final List<String> FIELDS = List.of("Output", "Arguments", "Assign", "Items", "ItemSelector",
            "Seconds", "Timestamp", "TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency", "ToleratedFailureCount",
            "ToleratedFailurePercentage", "Error", "Cause");

    private final Findings findings;

    JsonataCheck(Findings findings) {
        this.findings = findings;
    }

    void check(StateContext state) {
        for (String field : FIELDS) {
            if (state.has(field)) {
                walk(state.get(field), state.at(field), false);
            }
        }
        each(state, "Catch", List.of("Output", "Assign"), true);
        each(state, "Choices", List.of("Condition", "Output", "Assign"), false);
    }

    private void each(StateContext state, String list, List<String> fields, boolean catcher) {
        JsonNode items = state.get(list);
        if (items == null || !items.isArray()) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            for (String field : fields) {
                if (item.isObject() && item.has(field)) {
                    walk(item.get(field), Findings.at(Findings.at(state.at(list), i), field), catcher);
                }
            }
        }
    }

    private void walk(JsonNode value, String location, boolean catcher) {
        if (value.isTextual()) {
            if (JsonataTemplate.isExpression(value.textValue())) {
                expression(JsonataTemplate.expressionText(value.textValue()), location, catcher);
            }
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), Findings.at(location, field.getKey()), catcher);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(value.get(i), Findings.at(location, i), catcher);
            }
        }
    }

    private void expression(String text, String location, boolean catcher) {
        Optional<String> syntaxError = JsonataExpression.syntaxError(text);
        if (syntaxError.isPresent()) {
            findings.add(INVALID, syntaxError.get(), location);
            return;
        }
        Set<String> references = references(text);
        if (references.contains("$")) {
            findings.add(UNSUPPORTED, ROOT_REFERENCE, location);
        }
        if (!catcher && references.contains("states.errorOutput")) {
            findings.add(UNSUPPORTED, NO_ERROR_OUTPUT, location);
        }
    }

    /**
     * The variables an expression names, read from its text outside string literals and
     * comments: {@code $$} as "$", {@code $states.x} as "states.x", {@code $name} as "name".
     */
    static Set<String> references(String text) {
        Set<String> found = new LinkedHashSet<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipString(text, i);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '$') {
                int start = i + 1;
                if (start < n && text.charAt(start) == '$') {
                    found.add("$");
                    i = start + 1;
                    continue;
                }
                int end = identifierEnd(text, start);
                String name = text.substring(start, end);
                i = end;
                if (name.equals("states")) {
                    int dot = skipSpaces(text, end);
                    if (dot < n && text.charAt(dot) == '.') {
                        int fieldStart = skipSpaces(text, dot + 1);
                        int fieldEnd = identifierEnd(text, fieldStart);
                        found.add("states." + text.substring(fieldStart, fieldEnd));
                        i = fieldEnd;
                        continue;
                    }
                }
                found.add(name);
            } else {
                i++;
            }
        }
        return found;
    }

    private static int skipString(String text, int open) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int identifierEnd(String text, int from) {
        int i = from;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
