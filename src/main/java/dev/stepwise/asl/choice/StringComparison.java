package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The String comparators. AWS orders strings as Java's {@code String.compareTo} does (the developer
 * guide links to it): character by character, "with no special treatments such as case-folding,
 * white-space collapsing, or Unicode form normalization".
 */
public abstract sealed class StringComparison implements ComparisonOperator
        permits StringEquals, StringLessThan, StringGreaterThan, StringLessThanEquals, StringGreaterThanEquals {

    @Override
    public final boolean test(JsonNode value, JsonNode operand) {
        return value.isTextual() && operand.isTextual() && holds(value.textValue().compareTo(operand.textValue()));
    }

    /** Whether the order of the Variable's string relative to the operand's satisfies this operator. */
    abstract boolean holds(int order);

    @Override
    public final boolean acceptsLiteral(JsonNode operand) {
        return operand.isTextual();
    }

    @Override
    public final String operandType() {
        return "a string";
    }
}
