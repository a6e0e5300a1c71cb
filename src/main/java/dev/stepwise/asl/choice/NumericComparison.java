package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * The Numeric comparators: numbers compare by value whatever their JSON spelling, so 1, 1.0 and
 * 1e0 are equal (recorded on AWS: NumericEquals 1.0 matches 1, and 0.0 matches 0). A decimal that
 * was read as a binary64 compares as the shortest decimal naming it, so 2.22 equals 2.22 whether a
 * side was parsed as a double or as a BigDecimal.
 */
public abstract sealed class NumericComparison implements ComparisonOperator
        permits NumericEquals, NumericLessThan, NumericGreaterThan, NumericLessThanEquals, NumericGreaterThanEquals {

    @Override
    public final boolean test(JsonNode value, JsonNode operand) {
        BigDecimal left = decimal(value);
        BigDecimal right = decimal(operand);
        return left != null && right != null && holds(left.compareTo(right));
    }

    /** Whether the order of the Variable's number relative to the operand's satisfies this operator. */
    abstract boolean holds(int order);

    @Override
    public final boolean acceptsLiteral(JsonNode operand) {
        return decimal(operand) != null;
    }

    @Override
    public final String operandType() {
        return "a number";
    }

    private static BigDecimal decimal(JsonNode node) {
        if (!node.isNumber()) {
            return null;
        }
        if (node.isDouble() || node.isFloat()) {
            double d = node.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return node.decimalValue();
    }
}
