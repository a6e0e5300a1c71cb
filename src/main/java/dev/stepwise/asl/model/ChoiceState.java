package dev.stepwise.asl.model;

import dev.stepwise.asl.choice.ChoiceRule;
import java.util.List;

/** Choice: the first rule that matches picks the next state; else Default; else States.NoChoiceMatched. */
public record ChoiceState(String name, DataPaths paths, List<Choice> choices, String defaultState) implements State {

    public record Choice(ChoiceRule rule, String next) {
    }

    @Override
    public String type() {
        return "Choice";
    }
}
