package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.model.ErrorHandling;
import dev.stepwise.asl.model.ParallelState;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import java.util.ArrayList;
import java.util.List;

/** Parallel: every branch gets the effective input; the result is the array of branch outputs. */
final class ParallelRunner implements StateRunner<ParallelState> {
    @Override
    public Outcome attempt(ParallelState state, StepRun run, StateVisit visit) {
        JsonNode input = state.jsonata() != null ? run.applyArguments(state, visit)
                : run.applyParameters(state.parameters(), run.applyInputPath(state.paths(), visit), visit);
        run.emit(EventType.ParallelStateStarted, EventDetails.None.INSTANCE);
        List<Step.StartBranch> branches = new ArrayList<>(state.branches().size());
        for (int i = 0; i < state.branches().size(); i++) {
            branches.add(new Step.StartBranch(run.frame.child(state.name(), i), input, visit.variables()));
        }
        return new Outcome.FanOut(branches, 0, FailureTolerance.NONE,
                new Step.Resume(run.frame, visit, new Resumption.BranchesPending()));
    }

    @Override
    public Outcome resume(ParallelState state, StepRun run, StateVisit visit, Resumption resumption) {
        return run.joined(state, state.paths(), state.resultSelector(), state.errors(), state.transition(), visit, resumption);
    }

    @Override
    public ErrorHandling errors(ParallelState state) {
        return state.errors();
    }
}
