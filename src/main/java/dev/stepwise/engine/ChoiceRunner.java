package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.model.Assignment;
import dev.stepwise.asl.model.ChoiceState;
import dev.stepwise.asl.model.Transition;
import dev.stepwise.asl.path.Bindings;

/** Choice: the first matching rule's Next, else Default, else States.NoChoiceMatched. */
final class ChoiceRunner implements StateRunner<ChoiceState> {
    @Override
    public Outcome attempt(ChoiceState state, StepRun run, StateVisit visit) {
        JsonNode input = run.applyInputPath(state.paths(), visit);
        Bindings bindings = run.bindings(input, visit);
        String next = state.defaultState();
        Assignment assign = state.assign();
        for (ChoiceState.Choice choice : state.choices()) {
            if (choice.rule().matches(bindings)) {
                next = choice.next();
                // A matching rule's Assign applies instead of the state's, which goes with Default.
                assign = choice.assign();
                break;
            }
        }
        if (next == null) {
            throw new StatesFailure(StatesError.NO_CHOICE_MATCHED, Causes.noChoiceMatched());
        }
        return run.exit(state, run.applyOutputPath(state.paths(), input, visit), new Transition(next),
                run.assign(assign, input, visit));
    }
}
