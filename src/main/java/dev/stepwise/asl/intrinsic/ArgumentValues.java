package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** The argument checks the functions share; each failure is AWS's "Invalid arguments in <function>". */
final class ArgumentValues {
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private ArgumentValues() {
    }

    static String text(JsonNode value, String function) {
        if (!value.isTextual()) {
            throw IntrinsicError.invalidArguments(function);
        }
        return value.textValue();
    }

    static ArrayNode array(JsonNode value, String function) {
        if (!value.isArray()) {
            throw IntrinsicError.invalidArguments(function);
        }
        return (ArrayNode) value;
    }

    static ObjectNode object(JsonNode value, String function) {
        if (!value.isObject()) {
            throw IntrinsicError.invalidArguments(function);
        }
        return (ObjectNode) value;
    }

    /**
     * A number cut to an int toward zero. AWS truncates the fractional arguments of ArrayRange,
     * ArrayPartition, ArrayGetItem and MathRandom (observed on AWS: ArrayPartition(arr, 2.6) chunks
     * by 2, ArrayPartition(arr, 0.6) fails, ArrayGetItem(arr, 1.2) returns item 1).
     */
    static int truncatedInt(JsonNode value, String function) {
        if (value.isInt()) {
            return value.intValue();
        }
        return toInt(number(value, function).setScale(0, RoundingMode.DOWN), function);
    }

    /**
     * A number rounded half up (as Java's Math.round). AWS rounds MathAdd's arguments: "If you
     * specify a non-integer value for one or both the arguments, Step Functions will round it off to
     * the nearest integer" (AWS docs), and ties go up: LocalStack's snapshot recorded on AWS
     * (test_math_operations.snapshot.json, test_math_add) has MathAdd(1.49, 1.5) = 3 and
     * MathAdd(-1.49, -1.5) = -2.
     */
    static int roundedInt(JsonNode value, String function) {
        if (value.isInt()) {
            return value.intValue();
        }
        return toInt(number(value, function).add(HALF).setScale(0, RoundingMode.FLOOR), function);
    }

    private static BigDecimal number(JsonNode value, String function) {
        if (!value.isNumber()) {
            throw IntrinsicError.invalidArguments(function);
        }
        try {
            return value.decimalValue();
        } catch (NumberFormatException notFinite) {
            throw IntrinsicError.invalidArguments(function);
        }
    }

    private static int toInt(BigDecimal whole, String function) {
        if (whole.compareTo(INT_MIN) < 0 || whole.compareTo(INT_MAX) > 0) {
            throw IntrinsicError.invalidArguments(function);
        }
        return whole.intValueExact();
    }

    /** JSON equality: numbers by value (1 equals 1.0), objects regardless of field order. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
                return a.longValue() == b.longValue();
            }
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !sameValue(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** A text equal for exactly the values {@link #sameValue} calls equal, to deduplicate in one pass. */
    static String canonical(JsonNode value) {
        StringBuilder out = new StringBuilder();
        appendCanonical(value, out);
        return out.toString();
    }

    private static void appendCanonical(JsonNode value, StringBuilder out) {
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            out.append('n').append(number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString());
        } else if (value.isArray()) {
            out.append('[');
            for (JsonNode element : value) {
                appendCanonical(element, out);
                out.append(',');
            }
            out.append(']');
        } else if (value.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            value.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
            out.append('{');
            sorted.forEach((name, field) -> {
                out.append(Json.write(Json.NODES.textNode(name))).append(':');
                appendCanonical(field, out);
                out.append(',');
            });
            out.append('}');
        } else {
            out.append(Json.write(value));
        }
    }
}
