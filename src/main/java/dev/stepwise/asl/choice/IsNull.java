package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

public final class IsNull implements TypeTest {
    @Override
    public boolean test(JsonNode value) {
        return value.isNull();
    }
}
