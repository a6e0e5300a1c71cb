package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A binary comparison operator of a Choice Rule. The States Language: "For each operator which
 * compares values, if the values are not both of the appropriate type (String, number, boolean, or
 * Timestamp) the comparison will return false."
 */
public sealed interface ComparisonOperator
        permits StringComparison, StringMatches, NumericComparison, BooleanEquals, TimestampComparison {

    /** The Variable's value against the operand's; false when either is not of this operator's type. */
    boolean test(JsonNode value, JsonNode operand);

    /** Whether a literal operand written in the definition has this operator's type. */
    boolean acceptsLiteral(JsonNode operand);

    /** The operand's type for messages, e.g. "a string". */
    String operandType();
}
