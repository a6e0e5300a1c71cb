package dev.stepwise.asl.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The comparison operators of a JSONPath Choice rule and the operand each one takes, in the order
 * the AWS developer guide lists them ("Choice Rules (JSONPath)"): the list of operators in a
 * diagnostic comes in this order, every time.
 */
final class ChoiceOperators {

    /** What the value of a comparison operator must be. */
    enum Operand { STRING, NUMBER, BOOLEAN, TIMESTAMP, PATH, TYPE_TEST }

    static final Map<String, Operand> ALL;

    static {
        Map<String, Operand> operators = new LinkedHashMap<>();
        operators.put("BooleanEquals", Operand.BOOLEAN);
        operators.put("BooleanEqualsPath", Operand.PATH);
        // "IsNull": true tests that the value is null; the operand itself is a Boolean.
        for (String test : new String[] {"IsBoolean", "IsNull", "IsNumeric", "IsPresent", "IsString", "IsTimestamp"}) {
            operators.put(test, Operand.TYPE_TEST);
        }
        comparisons(operators, "Numeric", Operand.NUMBER);
        comparisons(operators, "String", Operand.STRING);
        operators.put("StringMatches", Operand.STRING);
        comparisons(operators, "Timestamp", Operand.TIMESTAMP);
        ALL = Collections.unmodifiableMap(operators);
    }

    private static void comparisons(Map<String, Operand> operators, String kind, Operand operand) {
        for (String comparison : new String[] {"Equals", "GreaterThan", "GreaterThanEquals", "LessThan", "LessThanEquals"}) {
            operators.put(kind + comparison, operand);
            operators.put(kind + comparison + "Path", Operand.PATH);
        }
    }

    private ChoiceOperators() {
    }
}
