package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

public final class IsNumeric implements TypeTest {
    @Override
    public boolean test(JsonNode value) {
        return value.isNumber();
    }
}
