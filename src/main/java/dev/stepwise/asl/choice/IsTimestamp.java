package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

public final class IsTimestamp implements TypeTest {
    @Override
    public boolean test(JsonNode value) {
        return Timestamps.parse(value).isPresent();
    }
}
