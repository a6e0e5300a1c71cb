package dev.stepwise.engine;

import dev.stepwise.asl.model.SucceedState;
import dev.stepwise.asl.model.Transition;

/** Succeed: ends its frame with its input, after InputPath and OutputPath. */
final class SucceedRunner implements StateRunner<SucceedState> {
    @Override
    public Outcome attempt(SucceedState state, StepRun run, StateVisit visit) {
        return run.exit(state, run.applyOutputPath(state.paths(), run.applyInputPath(state.paths(), visit), visit), Transition.END,
                visit.variables());
    }
}
