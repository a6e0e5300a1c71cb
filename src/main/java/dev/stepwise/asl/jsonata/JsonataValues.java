package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between Jackson trees and the JSONata library's values: maps, lists, strings,
 * booleans, numbers, and {@link Jsonata#NULL_VALUE} for JSON null (a Java null is undefined).
 *
 * <p>Numbers keep their kind as AWS prints them: {@code {% 1 + 2 %}} is {@code 3}, not 3.0, and
 * {@code {% 10 / 4 %}} is {@code 2.5}. A result that is a whole number is written as an integer.
 */
final class JsonataValues {
    /** Beyond 2^63 a whole double no longer fits a long and stays a double. */
    private static final double LONG_LIMIT = 9.223372036854776E18;

    private JsonataValues() {
    }

    /** A fresh, mutable copy: the library rewrites null markers inside the values it returns. */
    static Object toJsonata(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.isNull()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), toJsonata(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(toJsonata(element)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return node.longValue();
            }
            return node.doubleValue();
        }
        return node.asText();
    }

    /**
     * The JSON value of a library result, or empty when the result is not JSON (a function).
     * A Java null nested in a map or list is a JSON null: only the top level can be undefined.
     */
    static Optional<JsonNode> fromJsonata(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Optional.of(Json.NODES.nullNode());
        }
        if (value instanceof String text) {
            return Optional.of(Json.NODES.textNode(text));
        }
        if (value instanceof Boolean flag) {
            return Optional.of(Json.NODES.booleanNode(flag));
        }
        if (value instanceof Number number) {
            return Optional.of(number(number));
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.object();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Optional<JsonNode> field = fromJsonata(entry.getValue());
                if (field.isEmpty()) {
                    return Optional.empty();
                }
                object.set(String.valueOf(entry.getKey()), field.get());
            }
            return Optional.of(object);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = Json.NODES.arrayNode(list.size());
            for (Object element : list) {
                Optional<JsonNode> item = fromJsonata(element);
                if (item.isEmpty()) {
                    return Optional.empty();
                }
                array.add(item.get());
            }
            return Optional.of(array);
        }
        return Optional.empty();
    }

    private static JsonNode number(Number number) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return Json.NODES.numberNode(number.intValue());
        }
        if (number instanceof Long whole) {
            return integral(whole);
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < 64 ? integral(big.longValue()) : Json.NODES.numberNode(big);
        }
        double value = number instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue();
        if (!Double.isFinite(value)) {
            // JSON has no such number; AWS writes the name JavaScript gives it, as a string.
            return Json.NODES.textNode(Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
        if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < LONG_LIMIT) {
            return integral((long) value);
        }
        return Json.NODES.numberNode(value);
    }

    private static JsonNode integral(long value) {
        return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
    }
}
