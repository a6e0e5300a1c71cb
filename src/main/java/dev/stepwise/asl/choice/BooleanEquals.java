package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

public final class BooleanEquals implements ComparisonOperator {
    @Override
    public boolean test(JsonNode value, JsonNode operand) {
        return value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
    }

    @Override
    public boolean acceptsLiteral(JsonNode operand) {
        return operand.isBoolean();
    }

    @Override
    public String operandType() {
        return "a boolean";
    }
}
