package dev.stepwise.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The size in bytes of a value's compact UTF-8 JSON text, which is what AWS's 256 KiB payload
 * quota measures, counted without writing the text and stopping as soon as a limit is passed.
 */
public final class JsonSize {
    private JsonSize() {
    }

    public static boolean exceeds(JsonNode value, long limit) {
        return size(value, limit) > limit;
    }

    /** The size, or some number above {@code limit} once the limit is passed. */
    public static long size(JsonNode value, long limit) {
        switch (value.getNodeType()) {
            case OBJECT: {
                long total = 2;
                boolean first = true;
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext() && total <= limit) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    total += (first ? 0 : 1) + text(field.getKey()) + 1 + size(field.getValue(), limit - total);
                    first = false;
                }
                return total;
            }
            case ARRAY: {
                long total = 2;
                for (int i = 0; i < value.size() && total <= limit; i++) {
                    total += (i == 0 ? 0 : 1) + size(value.get(i), limit - total);
                }
                return total;
            }
            case STRING:
                return text(value.textValue());
            case BOOLEAN:
                return value.booleanValue() ? 4 : 5;
            case NULL:
            case MISSING:
                return 4;
            default:
                return value.asText().length();
        }
    }

    private static long text(String s) {
        long bytes = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f' ? 2 : 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * True when arrays and objects nest more than {@code maxDepth} deep ({@code []} is one level),
     * found without walking past that depth.
     */
    public static boolean nestsDeeperThan(JsonNode value, int maxDepth) {
        if (!value.isContainerNode()) {
            return false;
        }
        if (maxDepth <= 0) {
            return true;
        }
        for (JsonNode child : value) {
            if (nestsDeeperThan(child, maxDepth - 1)) {
                return true;
            }
        }
        return false;
    }
}
