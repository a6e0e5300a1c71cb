package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.model.FailState;
import dev.stepwise.asl.template.DynamicValue;

/** Fail: ends its frame with the Error and Cause it names or reads from its input. No Exited event. */
final class FailRunner implements StateRunner<FailState> {
    @Override
    public Outcome attempt(FailState state, StepRun run, StateVisit visit) {
        String error = text(state.error(), state.errorPath(), run, visit);
        String cause = text(state.cause(), state.causePath(), run, visit);
        return run.frameFailed(error, cause);
    }

    private static String text(String fixed, DynamicValue path, StepRun run, StateVisit visit) {
        if (path == null) {
            return fixed;
        }
        JsonNode value = path.evaluate(run.bindings(visit.input(), visit));
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : dev.stepwise.asl.Json.write(value);
    }
}
