package dev.stepwise.asl.choice;

import dev.stepwise.asl.path.Bindings;
import java.util.List;

/** True when any rule is, evaluated in order and stopping at the first true one (see {@link And}). */
public record Or(List<ChoiceRule> rules) implements ChoiceRule {
    public Or {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("Or needs at least one Choice Rule");
        }
        rules = List.copyOf(rules);
    }

    @Override
    public boolean matches(Bindings bindings) {
        for (ChoiceRule rule : rules) {
            if (rule.matches(bindings)) {
                return true;
            }
        }
        return false;
    }
}
