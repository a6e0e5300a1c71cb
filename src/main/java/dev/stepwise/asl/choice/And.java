package dev.stepwise.asl.choice;

import dev.stepwise.asl.path.Bindings;
import java.util.List;

/**
 * True when every rule is. The States Language: the interpreter processes the array elements in
 * order, "ceasing array processing when the boolean value has been unambiguously determined" — so
 * a later rule whose path is missing raises no error once an earlier one was false.
 */
public record And(List<ChoiceRule> rules) implements ChoiceRule {
    public And {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("And needs at least one Choice Rule");
        }
        rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(Bindings bindings) {
        for (ChoiceRule rule : rules) {
            if (!rule.matches(bindings)) {
                return false;
            }
        }
        return true;
    }
}
