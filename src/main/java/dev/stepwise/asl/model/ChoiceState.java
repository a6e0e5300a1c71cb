package dev.stepwise.asl.model;

import dev.stepwise.asl.choice.ChoiceRule;
import dev.stepwise.asl.jsonata.JsonataTemplate;
import java.util.List;

/** Choice: the first rule that matches picks the next state; else Default; else States.NoChoiceMatched. */
public record ChoiceState(String name, DataPaths paths, List<Choice> choices, String defaultState, Assignment assign,
                          JsonataFields jsonata) implements State {

    /** A top-level rule: where it goes and, when it matches, the variables it sets. */
    /** In JSONata states {@code rule} is null and {@code condition} decides; {@code output} replaces the state's Output. */
    public record Choice(ChoiceRule rule, String next, Assignment assign, JsonataTemplate condition, JsonataTemplate output) {
    }

    @Override
    public String type() {
        return "Choice";
    }
}
