package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.model.Assignment;
import dev.stepwise.asl.model.ChoiceState;
import dev.stepwise.asl.model.Transition;
import dev.stepwise.asl.path.Bindings;

/**
 * Choice: the first matching rule's Next, else Default, else States.NoChoiceMatched. A matching
 * rule's Assign (and, in JSONata, its Output) apply instead of the state's, which go with Default.
 */
final class ChoiceRunner implements StateRunner<ChoiceState> {
    @Override
    public Outcome attempt(ChoiceState state, StepRun run, StateVisit visit) {
        boolean jsonata = state.jsonata() != null;
        JsonNode input = jsonata ? visit.input() : run.applyInputPath(state.paths(), visit);
        Bindings bindings = jsonata ? null : run.bindings(input, visit);
        ChoiceState.Choice matched = null;
        for (ChoiceState.Choice choice : state.choices()) {
            if (jsonata ? condition(choice, run, visit) : choice.rule().matches(bindings)) {
                matched = choice;
                break;
            }
        }
        String next = matched != null ? matched.next() : state.defaultState();
        if (next == null) {
            throw new StatesFailure(StatesError.NO_CHOICE_MATCHED, Causes.noChoiceMatched());
        }
        Assignment assign = matched != null ? matched.assign() : state.assign();
        Variables variables = run.assign(assign, input, StepRun.Source.INPUT, visit);
        JsonNode output;
        if (!jsonata) {
            output = run.applyOutputPath(state.paths(), input, visit);
        } else if (matched != null && matched.output() != null) {
            output = matched.output().evaluate(run.statesVariable(visit, null, StepRun.Source.INPUT), visit.variables().values(), run.random, run.now);
        } else {
            output = run.jsonataOutput(state, visit, null, StepRun.Source.INPUT, input);
        }
        return run.exit(state, output, new Transition(next), variables);
    }

    private static boolean condition(ChoiceState.Choice choice, StepRun run, StateVisit visit) {
        JsonNode value = choice.condition().evaluate(run.statesVariable(visit, null, StepRun.Source.INPUT),
                visit.variables().values(), run.random, run.now);
        if (!value.isBoolean()) {
            throw new StatesFailure(StatesError.QUERY_EVALUATION_ERROR, "The Condition field evaluated to '"
                    + dev.stepwise.asl.Json.write(value) + "', which is not a boolean");
        }
        return value.booleanValue();
    }
}
