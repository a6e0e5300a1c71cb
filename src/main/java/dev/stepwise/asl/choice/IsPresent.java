package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/** True when the Variable selects something, even JSON null; the one operator that sees a missing field. */
public final class IsPresent implements TypeTest {
    @Override
    public boolean test(JsonNode value) {
        return !value.isMissingNode();
    }

    @Override
    public boolean acceptsAbsentVariable() {
        return true;
    }
}
