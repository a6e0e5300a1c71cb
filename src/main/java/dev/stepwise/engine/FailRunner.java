package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.FailState;
import dev.stepwise.asl.template.DynamicValue;

/**
 * Fail: ends its frame with the Error and Cause it names, reads from its input (ErrorPath,
 * CausePath) or evaluates (JSONata). It has no Exited event.
 */
final class FailRunner implements StateRunner<FailState> {
    @Override
    public Outcome attempt(FailState state, StepRun run, StateVisit visit) {
        if (state.jsonata() != null) {
            return run.frameFailed(text(run.jsonata(state, "Error", visit, null, StepRun.Source.INPUT)),
                    text(run.jsonata(state, "Cause", visit, null, StepRun.Source.INPUT)));
        }
        String error = state.errorPath() == null ? state.error() : text(read(state.errorPath(), run, visit));
        String cause = state.causePath() == null ? state.cause() : text(read(state.causePath(), run, visit));
        return run.frameFailed(error, cause);
    }

    private static JsonNode read(DynamicValue value, StepRun run, StateVisit visit) {
        return value.evaluate(run.bindings(visit.input(), visit));
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : Json.write(value);
    }
}
