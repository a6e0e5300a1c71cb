package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

public final class IsBoolean implements TypeTest {
    @Override
    public boolean test(JsonNode value) {
        return value.isBoolean();
    }
}
