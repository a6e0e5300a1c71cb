package dev.stepwise.asl.choice;

import dev.stepwise.asl.path.Bindings;

/** A Boolean expression of a Choice state: a comparison or And/Or/Not of rules. */
public interface ChoiceRule {
    /** @throws dev.stepwise.asl.StatesFailure States.Runtime when the Variable path is invalid at run time */
    boolean matches(Bindings bindings);
}
