package dev.stepwise.asl.choice;

import dev.stepwise.asl.path.Bindings;
import java.util.Objects;

/** The inverse of one rule. A failure of that rule (a missing path) is not inverted: it still fails. */
public record Not(ChoiceRule rule) implements ChoiceRule {
    public Not {
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public boolean matches(Bindings bindings) {
        return !rule.matches(bindings);
    }
}
