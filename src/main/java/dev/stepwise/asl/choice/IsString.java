package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

public final class IsString implements TypeTest {
    @Override
    public boolean test(JsonNode value) {
        return value.isTextual();
    }
}
