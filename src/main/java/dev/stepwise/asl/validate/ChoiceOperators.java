package dev.stepwise.asl.validate;

import java.util.LinkedHashMap;
import java.util.Map;

/** The comparison operators of a JSONPath Choice rule and the operand each one takes. */
final class ChoiceOperators {

    /** What the value of a comparison operator must be. */
    enum Operand { STRING, NUMBER, BOOLEAN, TIMESTAMP, PATH, TYPE_TEST }

    static final Map<String, Operand> ALL;

    static {
        Map<String, Operand> operators = new LinkedHashMap<>();
        String[] comparisons = {"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"};
        for (String comparison : comparisons) {
            operators.put("String" + comparison, Operand.STRING);
            operators.put("String" + comparison + "Path", Operand.PATH);
            operators.put("Numeric" + comparison, Operand.NUMBER);
            operators.put("Numeric" + comparison + "Path", Operand.PATH);
            operators.put("Timestamp" + comparison, Operand.TIMESTAMP);
            operators.put("Timestamp" + comparison + "Path", Operand.PATH);
        }
        operators.put("StringMatches", Operand.STRING);
        operators.put("BooleanEquals", Operand.BOOLEAN);
        operators.put("BooleanEqualsPath", Operand.PATH);
        // "IsNull": true tests that the value is null; the operand itself is a Boolean.
        for (String test : new String[] {"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"}) {
            operators.put(test, Operand.TYPE_TEST);
        }
        ALL = Map.copyOf(operators);
    }

    private ChoiceOperators() {
    }
}
