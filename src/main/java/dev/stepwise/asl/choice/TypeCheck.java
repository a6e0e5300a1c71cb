package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.stepwise.asl.path.Bindings;
import java.util.Objects;

/** A data-test rule with a type-test operator, e.g. {@code {"Variable": "$.value", "IsPresent": false}}. */
public record TypeCheck(ConditionPath variable, TypeTest test, boolean expected) implements ChoiceRule {

    public TypeCheck {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(test, "test");
    }

    /** @throws dev.stepwise.asl.StatesFailure States.Runtime when the Variable matches nothing, except for IsPresent */
    @Override
    public boolean matches(Bindings bindings) {
        JsonNode value = test.acceptsAbsentVariable()
                ? variable.find(bindings).orElse(MissingNode.getInstance())
                : variable.read(bindings);
        return test.test(value) == expected;
    }

    @Override
    public String toString() {
        return test.getClass().getSimpleName() + "(" + variable + ", " + expected + ")";
    }
}
