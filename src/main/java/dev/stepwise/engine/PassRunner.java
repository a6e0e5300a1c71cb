package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.model.PassState;

/**
 * Pass: its result is its fixed Result, or else its (Parameters-shaped) input. In JSONata a
 * Pass state's output is its Output, or its input.
 */
final class PassRunner implements StateRunner<PassState> {
    @Override
    public Outcome attempt(PassState state, StepRun run, StateVisit visit) {
        if (state.jsonata() != null) {
            Variables next = run.assign(state.assign(), null, StepRun.Source.INPUT, visit);
            JsonNode output = run.jsonataOutput(state, visit, null, StepRun.Source.INPUT, visit.input());
            return run.exit(state, output, state.transition(), next);
        }
        JsonNode effective = run.applyParameters(state.parameters(), run.applyInputPath(state.paths(), visit), visit);
        JsonNode result = state.result() != null ? state.result() : effective;
        if (state.result() != null) {
            run.inspect(DataFlow.Stage.RESULT, result);
        }
        // Recorded by TestState on AWS: a Pass state shows its result as "afterResultSelector" too.
        run.inspect(DataFlow.Stage.AFTER_RESULT_SELECTOR, result);
        JsonNode output = run.applyOutputPath(state.paths(), run.applyResultPath(state.paths(), result, visit), visit);
        return run.exit(state, output, state.transition(), run.assign(state.assign(), result, StepRun.Source.RESULT, visit));
    }
}
