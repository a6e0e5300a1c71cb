package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The comparison operators of a filter. As in Jayway JsonPath, numbers compare by value
 * (1 == 1.0), strings compare lexically, and an ordering between values of different types is
 * false. A side that selects nothing equals nothing, so {@code !=} accepts it. Jayway's equality
 * is lenient between a number and a string: {@code 2 == '2'} holds.
 */
enum FilterOperator {
    EQUALS("==") {
        @Override
        boolean test(JsonNode left, JsonNode right) {
            return same(left, right);
        }
    },
    NOT_EQUALS("!=") {
        @Override
        boolean test(JsonNode left, JsonNode right) {
            return !same(left, right);
        }
    },
    LESS_THAN("<") {
        @Override
        boolean test(JsonNode left, JsonNode right) {
            Integer order = order(left, right);
            return order != null && order < 0;
        }
    },
    LESS_THAN_EQUALS("<=") {
        @Override
        boolean test(JsonNode left, JsonNode right) {
            Integer order = order(left, right);
            return order != null && order <= 0;
        }
    },
    GREATER_THAN(">") {
        @Override
        boolean test(JsonNode left, JsonNode right) {
            Integer order = order(left, right);
            return order != null && order > 0;
        }
    },
    GREATER_THAN_EQUALS(">=") {
        @Override
        boolean test(JsonNode left, JsonNode right) {
            Integer order = order(left, right);
            return order != null && order >= 0;
        }
    };

    private final String symbol;

    FilterOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    abstract boolean test(JsonNode left, JsonNode right);

    private static boolean same(JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return false;
        }
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue()) == 0;
        }
        if (left.isNumber() && right.isTextual()) {
            return sameNumber(left, right.textValue());
        }
        if (left.isTextual() && right.isNumber()) {
            return left.textValue().equals(right.numberValue().toString());
        }
        return left.equals(right);
    }

    private static boolean sameNumber(JsonNode number, String text) {
        try {
            return number.decimalValue().compareTo(new java.math.BigDecimal(text)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Integer order(JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return null;
        }
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue());
        }
        if (left.isTextual() && right.isTextual()) {
            return left.textValue().compareTo(right.textValue());
        }
        return null;
    }
}
