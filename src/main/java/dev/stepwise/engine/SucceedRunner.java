package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.model.SucceedState;
import dev.stepwise.asl.model.Transition;

/** Succeed: ends its frame with its input, after InputPath and OutputPath (JSONata: its Output). */
final class SucceedRunner implements StateRunner<SucceedState> {
    @Override
    public Outcome attempt(SucceedState state, StepRun run, StateVisit visit) {
        JsonNode output = state.jsonata() != null
                ? run.jsonataOutput(state, visit, null, StepRun.Source.INPUT, visit.input())
                : run.applyOutputPath(state.paths(), run.applyInputPath(state.paths(), visit), visit);
        return run.exit(state, output, Transition.END, visit.variables());
    }
}
