package dev.stepwise.engine;

import dev.stepwise.asl.model.ErrorHandling;
import dev.stepwise.asl.model.State;

/** The semantics of one state type; everything states share lives in {@link StepRun}. */
interface StateRunner<S extends State> {

    /** Do the state's work after it was entered, or again after a retry's delay. */
    Outcome attempt(S state, StepRun run, StateVisit visit);

    /** Continue after the task, wait or branches this state asked for. */
    default Outcome resume(S state, StepRun run, StateVisit visit, Resumption resumption) {
        throw new IllegalStateException(state.type() + " state '" + state.name() + "' does not resume from " + resumption);
    }

    /** The state's Retry and Catch, or {@link ErrorHandling#NONE} for types that have none. */
    default ErrorHandling errors(S state) {
        return ErrorHandling.NONE;
    }
}
