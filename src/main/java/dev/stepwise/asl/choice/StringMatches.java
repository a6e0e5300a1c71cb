package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/** Wildcard matching of the whole string, e.g. {@code foo*.log} matches {@code foo23.log}; see {@link WildcardPattern}. */
public final class StringMatches implements ComparisonOperator {

    /** @throws dev.stepwise.asl.StatesFailure States.Runtime when the pattern has an open escape backslash */
    @Override
    public boolean test(JsonNode value, JsonNode operand) {
        if (!operand.isTextual()) {
            return false;
        }
        WildcardPattern pattern = WildcardPattern.compile(operand.textValue());
        return value.isTextual() && pattern.matches(value.textValue());
    }

    @Override
    public boolean acceptsLiteral(JsonNode operand) {
        return operand.isTextual();
    }

    @Override
    public String operandType() {
        return "a string";
    }
}
