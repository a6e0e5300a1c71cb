package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.model.WaitState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Wait: sleeps until a time given as seconds or an RFC 3339 timestamp, fixed or from the input. */
final class WaitRunner implements StateRunner<WaitState> {
    @Override
    public Outcome attempt(WaitState state, StepRun run, StateVisit visit) {
        boolean jsonata = state.jsonata() != null;
        JsonNode input = jsonata ? visit.input() : run.applyInputPath(state.paths(), visit);
        Instant until = jsonata ? jsonataUntil(state, run, visit) : until(state, run, visit, input);
        JsonNode output = jsonata ? run.jsonataOutput(state, visit, null, StepRun.Source.INPUT, input)
                : run.applyOutputPath(state.paths(), input, visit);
        Variables next = run.assign(state.assign(), input, StepRun.Source.INPUT, visit);
        return new Outcome.Sleep(until.isBefore(run.now) ? run.now : until,
                new Step.Resume(run.frame, visit, new Resumption.WaitElapsed(output, next, run.assigned())));
    }

    @Override
    public Outcome resume(WaitState state, StepRun run, StateVisit visit, Resumption resumption) {
        Resumption.WaitElapsed elapsed = (Resumption.WaitElapsed) resumption;
        run.assigned(elapsed.assigned());
        return run.exit(state, elapsed.output(), state.transition(), elapsed.variables());
    }

    private static Instant jsonataUntil(WaitState state, StepRun run, StateVisit visit) {
        JsonNode seconds = run.jsonata(state, "Seconds", visit, null, StepRun.Source.INPUT);
        if (seconds != null) {
            if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
                throw new StatesFailure(StatesError.QUERY_EVALUATION_ERROR, "The Seconds field must evaluate to a non-negative integer, but was '"
                        + dev.stepwise.asl.Json.write(seconds) + "'");
            }
            return run.now.plusSeconds(seconds.asLong());
        }
        JsonNode timestamp = run.jsonata(state, "Timestamp", visit, null, StepRun.Source.INPUT);
        if (timestamp == null || !timestamp.isTextual()) {
            throw new StatesFailure(StatesError.QUERY_EVALUATION_ERROR, "The Timestamp field must evaluate to an ISO-8601 timestamp string");
        }
        return timestamp(timestamp.textValue(), state);
    }

    private static Instant until(WaitState state, StepRun run, StateVisit visit, JsonNode input) {
        if (state.seconds() != null) {
            return run.now.plusSeconds(state.seconds());
        }
        if (state.timestamp() != null) {
            return timestamp(state.timestamp(), state);
        }
        if (state.secondsPath() != null) {
            JsonNode value = read(state, state.secondsPath().expression(), run, visit, input, state.secondsPath());
            if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
                throw new StatesFailure(StatesError.RUNTIME, "The SecondsPath parameter does not reference a valid integer value");
            }
            return run.now.plusSeconds(value.asLong());
        }
        JsonNode value = read(state, state.timestampPath().expression(), run, visit, input, state.timestampPath());
        if (!value.isTextual()) {
            throw new StatesFailure(StatesError.RUNTIME, "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string");
        }
        return timestamp(value.textValue(), state);
    }

    private static JsonNode read(WaitState state, String expression, StepRun run, StateVisit visit, JsonNode input,
                                 dev.stepwise.asl.path.JsonPath path) {
        return path.readRequired(run.bindings(input, visit));
    }

    private static Instant timestamp(String text, WaitState state) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new StatesFailure(StatesError.RUNTIME, "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string");
        }
    }
}
