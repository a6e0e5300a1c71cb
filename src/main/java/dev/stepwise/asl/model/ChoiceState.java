package dev.stepwise.asl.model;

import dev.stepwise.asl.choice.ChoiceRule;
import java.util.List;

/** Choice: the first rule that matches picks the next state; else Default; else States.NoChoiceMatched. */
public record ChoiceState(String name, DataPaths paths, List<Choice> choices, String defaultState, Assignment assign) implements State {

    /** A top-level rule: where it goes and, when it matches, the variables it sets. */
    public record Choice(ChoiceRule rule, String next, Assignment assign) {
    }

    @Override
    public String type() {
        return "Choice";
    }
}
