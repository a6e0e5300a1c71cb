package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimitExceeded;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The first argument of States.Format split at its {@code {}} placeholders. A backslash escapes
 * {@code \{}, {@code \}}, {@code \'} and {@code \\}, so an escaped brace is text, not a placeholder.
 * A malformed template is not a definition error on AWS (States.Format('Hello {', $.a) fails only
 * when run), so it is kept here and reported when the call is evaluated.
 */
final class FormatTemplate {
    private final List<String> texts;
    private final String error;

    private FormatTemplate(List<String> texts, String error) {
        this.texts = texts;
        this.error = error;
    }

    static FormatTemplate of(String template) {
        List<String> texts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && "{}'\\".indexOf(template.charAt(i + 1)) >= 0) {
                text.append(template.charAt(++i));
            } else if (c == '{') {
                if (i + 1 >= template.length() || template.charAt(i + 1) != '}') {
                    // Wording of AWS's template parser as reproduced by an AWS-conformance emulator.
                    return malformed("Invalid template in " + StatesFormat.NAME + ": matching '}' not found for '{'.");
                }
                texts.add(text.toString());
                text.setLength(0);
                i++;
            } else if (c == '}') {
                return malformed("Invalid arguments in " + StatesFormat.NAME);
            } else {
                text.append(c);
            }
        }
        texts.add(text.toString());
        return new FormatTemplate(List.copyOf(texts), null);
    }

    private static FormatTemplate malformed(String error) {
        return new FormatTemplate(List.of(), error);
    }

    /** The template with placeholder i replaced by {@code values[first + i]}. */
    String render(JsonNode[] values, int first) {
        if (error != null) {
            throw new IntrinsicError(error);
        }
        // "There MUST be as many remaining arguments in the Intrinsic Function as there are
        // occurrences of {}" (ASL spec, Appendix B).
        if (values.length - first != texts.size() - 1) {
            throw IntrinsicError.invalidArguments(StatesFormat.NAME);
        }
        // Arguments may repeat one large value many times: the text is checked as it grows.
        long limit = EvaluationBudget.current().limits().payloadBytes();
        StringBuilder out = new StringBuilder(texts.get(0));
        for (int i = 1; i < texts.size(); i++) {
            appendValue(values[first + i - 1], out);
            out.append(texts.get(i));
            if (out.length() > limit) {
                throw EvaluationLimitExceeded.tooLarge("the intrinsic function " + StatesFormat.NAME, limit);
            }
        }
        return out.toString();
    }

    /**
     * How AWS prints a value into a template: strings without quotes, other scalars as JSON
     * (null as "null", observed on AWS), and arrays and objects as Java collections print,
     * {@code {Arg1=1, Arg2=[]}} (LocalStack's test_format_2 snapshot recorded on AWS).
     */
    static void appendValue(JsonNode value, StringBuilder out) {
        if (value.isTextual()) {
            out.append(value.textValue());
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                appendValue(value.get(i), out);
            }
            out.append(']');
        } else if (value.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(field.getKey()).append('=');
                appendValue(field.getValue(), out);
                if (fields.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else {
            out.append(value.toString());
        }
    }
}
