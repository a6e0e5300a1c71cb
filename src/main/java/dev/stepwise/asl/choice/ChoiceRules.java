package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds {@link ChoiceRule}s from the JSON of a (validated) Choice state. */
public final class ChoiceRules {
    private static final String AND = "And";
    private static final String OR = "Or";
    private static final String NOT = "Not";
    private static final String VARIABLE = "Variable";

    /** Builds a data-test rule from its compiled Variable, the operator's field name and that field's value. */
    @FunctionalInterface
    private interface DataTestFactory {
        ChoiceRule build(ConditionPath variable, String field, JsonNode operand);
    }

    private static final StringEquals STRING_EQUALS = new StringEquals();
    private static final StringLessThan STRING_LESS_THAN = new StringLessThan();
    private static final StringGreaterThan STRING_GREATER_THAN = new StringGreaterThan();
    private static final StringLessThanEquals STRING_LESS_THAN_EQUALS = new StringLessThanEquals();
    private static final StringGreaterThanEquals STRING_GREATER_THAN_EQUALS = new StringGreaterThanEquals();
    private static final NumericEquals NUMERIC_EQUALS = new NumericEquals();
    private static final NumericLessThan NUMERIC_LESS_THAN = new NumericLessThan();
    private static final NumericGreaterThan NUMERIC_GREATER_THAN = new NumericGreaterThan();
    private static final NumericLessThanEquals NUMERIC_LESS_THAN_EQUALS = new NumericLessThanEquals();
    private static final NumericGreaterThanEquals NUMERIC_GREATER_THAN_EQUALS = new NumericGreaterThanEquals();
    private static final BooleanEquals BOOLEAN_EQUALS = new BooleanEquals();
    private static final TimestampEquals TIMESTAMP_EQUALS = new TimestampEquals();
    private static final TimestampLessThan TIMESTAMP_LESS_THAN = new TimestampLessThan();
    private static final TimestampGreaterThan TIMESTAMP_GREATER_THAN = new TimestampGreaterThan();
    private static final TimestampLessThanEquals TIMESTAMP_LESS_THAN_EQUALS = new TimestampLessThanEquals();
    private static final TimestampGreaterThanEquals TIMESTAMP_GREATER_THAN_EQUALS = new TimestampGreaterThanEquals();

    /** Every comparison operator of the States Language (JSONPath), by the field name a rule uses. */
    private static final Map<String, DataTestFactory> OPERATORS = Map.ofEntries(
            Map.entry("StringEquals", literal(STRING_EQUALS)),
            Map.entry("StringEqualsPath", path(STRING_EQUALS)),
            Map.entry("StringLessThan", literal(STRING_LESS_THAN)),
            Map.entry("StringLessThanPath", path(STRING_LESS_THAN)),
            Map.entry("StringGreaterThan", literal(STRING_GREATER_THAN)),
            Map.entry("StringGreaterThanPath", path(STRING_GREATER_THAN)),
            Map.entry("StringLessThanEquals", literal(STRING_LESS_THAN_EQUALS)),
            Map.entry("StringLessThanEqualsPath", path(STRING_LESS_THAN_EQUALS)),
            Map.entry("StringGreaterThanEquals", literal(STRING_GREATER_THAN_EQUALS)),
            Map.entry("StringGreaterThanEqualsPath", path(STRING_GREATER_THAN_EQUALS)),
            // The States Language has no StringMatchesPath.
            Map.entry("StringMatches", literal(new StringMatches())),
            Map.entry("NumericEquals", literal(NUMERIC_EQUALS)),
            Map.entry("NumericEqualsPath", path(NUMERIC_EQUALS)),
            Map.entry("NumericLessThan", literal(NUMERIC_LESS_THAN)),
            Map.entry("NumericLessThanPath", path(NUMERIC_LESS_THAN)),
            Map.entry("NumericGreaterThan", literal(NUMERIC_GREATER_THAN)),
            Map.entry("NumericGreaterThanPath", path(NUMERIC_GREATER_THAN)),
            Map.entry("NumericLessThanEquals", literal(NUMERIC_LESS_THAN_EQUALS)),
            Map.entry("NumericLessThanEqualsPath", path(NUMERIC_LESS_THAN_EQUALS)),
            Map.entry("NumericGreaterThanEquals", literal(NUMERIC_GREATER_THAN_EQUALS)),
            Map.entry("NumericGreaterThanEqualsPath", path(NUMERIC_GREATER_THAN_EQUALS)),
            Map.entry("BooleanEquals", literal(BOOLEAN_EQUALS)),
            Map.entry("BooleanEqualsPath", path(BOOLEAN_EQUALS)),
            Map.entry("TimestampEquals", literal(TIMESTAMP_EQUALS)),
            Map.entry("TimestampEqualsPath", path(TIMESTAMP_EQUALS)),
            Map.entry("TimestampLessThan", literal(TIMESTAMP_LESS_THAN)),
            Map.entry("TimestampLessThanPath", path(TIMESTAMP_LESS_THAN)),
            Map.entry("TimestampGreaterThan", literal(TIMESTAMP_GREATER_THAN)),
            Map.entry("TimestampGreaterThanPath", path(TIMESTAMP_GREATER_THAN)),
            Map.entry("TimestampLessThanEquals", literal(TIMESTAMP_LESS_THAN_EQUALS)),
            Map.entry("TimestampLessThanEqualsPath", path(TIMESTAMP_LESS_THAN_EQUALS)),
            Map.entry("TimestampGreaterThanEquals", literal(TIMESTAMP_GREATER_THAN_EQUALS)),
            Map.entry("TimestampGreaterThanEqualsPath", path(TIMESTAMP_GREATER_THAN_EQUALS)),
            Map.entry("IsNull", typeTest(new IsNull())),
            Map.entry("IsPresent", typeTest(new IsPresent())),
            Map.entry("IsNumeric", typeTest(new IsNumeric())),
            Map.entry("IsString", typeTest(new IsString())),
            Map.entry("IsBoolean", typeTest(new IsBoolean())),
            Map.entry("IsTimestamp", typeTest(new IsTimestamp())));

    private ChoiceRules() {
    }

    /**
     * A rule from its JSON (top-level rules carry Next, which is read by the caller).
     *
     * @throws IllegalArgumentException saying what is wrong when the JSON is not a Choice Rule that can be built
     */
    public static ChoiceRule parse(JsonNode rule) {
        if (rule == null || !rule.isObject()) {
            throw new IllegalArgumentException("a Choice Rule must be a JSON object, got " + ConditionPath.describe(rule));
        }
        List<String> kinds = new ArrayList<>();
        for (String field : List.of(AND, OR, NOT, VARIABLE)) {
            if (rule.has(field)) {
                kinds.add(field);
            }
        }
        if (kinds.size() != 1) {
            throw new IllegalArgumentException("a Choice Rule must have exactly one of the fields And, Or, Not or Variable, "
                    + (kinds.isEmpty() ? "found none" : "found " + String.join(", ", kinds)));
        }
        return switch (kinds.get(0)) {
            case AND -> new And(parseAll(AND, rule.get(AND)));
            case OR -> new Or(parseAll(OR, rule.get(OR)));
            case NOT -> new Not(parseNested(NOT, rule.get(NOT)));
            default -> parseDataTest(rule);
        };
    }

    /** The comparison operator field names of the States Language (JSONPath), e.g. "NumericLessThanPath". */
    public static Set<String> operatorNames() {
        return new TreeSet<>(OPERATORS.keySet());
    }

    private static List<ChoiceRule> parseAll(String field, JsonNode rules) {
        if (rules == null || !rules.isArray() || rules.isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty array of Choice Rules, got "
                    + ConditionPath.describe(rules));
        }
        List<ChoiceRule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            parsed.add(parseNested(field + "[" + i + "]", rules.get(i)));
        }
        return parsed;
    }

    private static ChoiceRule parseNested(String where, JsonNode rule) {
        try {
            return parse(rule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static ChoiceRule parseDataTest(JsonNode rule) {
        ConditionPath variable = ConditionPath.compile(VARIABLE, rule.get(VARIABLE));
        List<String> operators = new ArrayList<>();
        rule.fieldNames().forEachRemaining(field -> {
            if (OPERATORS.containsKey(field)) {
                operators.add(field);
            }
        });
        if (operators.isEmpty()) {
            throw new IllegalArgumentException("the Choice Rule on Variable '" + variable
                    + "' has no comparison operator; expected one of " + operatorNames());
        }
        if (operators.size() > 1) {
            throw new IllegalArgumentException("the Choice Rule on Variable '" + variable
                    + "' must have exactly one comparison operator, found " + String.join(", ", operators));
        }
        String field = operators.get(0);
        return OPERATORS.get(field).build(variable, field, rule.get(field));
    }

    private static DataTestFactory literal(ComparisonOperator operator) {
        return (variable, field, operand) -> {
            if (!operator.acceptsLiteral(operand)) {
                throw new IllegalArgumentException("Choice Rule field '" + field + "' must be "
                        + operator.operandType() + ", got " + ConditionPath.describe(operand));
            }
            return new Comparison(variable, operator, new Operand.Literal(operand));
        };
    }

    private static DataTestFactory path(ComparisonOperator operator) {
        return (variable, field, operand) ->
                new Comparison(variable, operator, new Operand.Reference(ConditionPath.compile(field, operand)));
    }

    private static DataTestFactory typeTest(TypeTest test) {
        return (variable, field, operand) -> {
            if (!operand.isBoolean()) {
                throw new IllegalArgumentException("Choice Rule field '" + field + "' must be true or false, got "
                        + ConditionPath.describe(operand));
            }
            return new TypeCheck(variable, test, operand.booleanValue());
        };
    }
}
