package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.jsonata.QueryEvaluationFailure;
import dev.stepwise.asl.path.JsonPath;
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
                throw new QueryEvaluationFailure("Seconds", "The Seconds field must evaluate to a non-negative integer, but was '"
                        + Json.write(seconds) + "'");
            }
            return run.now.plusSeconds(seconds.asLong());
        }
        JsonNode timestamp = run.jsonata(state, "Timestamp", visit, null, StepRun.Source.INPUT);
        Instant until = timestamp != null && timestamp.isTextual() ? timestamp(timestamp.textValue()) : null;
        if (until == null) {
            // LocalStack's Timestamp check (PR #12074) words the cause as below; AWS reports it as an
            // evaluation failure of the field, States.QueryEvaluationError, which a Catch sees.
            JsonNode written = state.jsonata().get("Timestamp").source();
            throw new QueryEvaluationFailure("Timestamp", invalidTimestamp("Timestamp",
                    written.isTextual() ? written.textValue() : Json.write(written), timestamp));
        }
        return until;
    }

    private static Instant until(WaitState state, StepRun run, StateVisit visit, JsonNode input) {
        if (state.seconds() != null) {
            return run.now.plusSeconds(state.seconds());
        }
        if (state.timestamp() != null) {
            Instant until = timestamp(state.timestamp());
            if (until == null) {
                throw new StatesFailure(StatesError.RUNTIME, invalidTimestamp("Timestamp", state.timestamp(),
                        Json.NODES.textNode(state.timestamp())));
            }
            return until;
        }
        if (state.secondsPath() != null) {
            return run.now.plusSeconds(secondsPath(state.secondsPath(), run, visit, input));
        }
        JsonNode value = state.timestampPath().readRequired(run.bindings(input, visit));
        Instant until = value.isTextual() ? timestamp(value.textValue()) : null;
        if (until == null) {
            throw new StatesFailure(StatesError.RUNTIME, invalidTimestamp("TimestampPath", state.timestampPath().expression(), value));
        }
        return until;
    }

    /**
     * Recorded on AWS for -1, -1.5 and 1.5 (LocalStack test_wait.py::test_base_wait_seconds_path, whose
     * snapshot LocalStack's SecondsPath reproduces): "The SecondsPath parameter references a negative
     * value: $.input.waitSeconds == -1", "... cannot be parsed as a long value: $.input.waitSeconds == 1.5".
     */
    private static long secondsPath(JsonPath path, StepRun run, StateVisit visit, JsonNode input) {
        JsonNode value = path.read(run.bindings(input, visit)).orElse(null);
        if (value == null) {
            throw new StatesFailure(StatesError.RUNTIME, "The SecondsPath parameter does not reference an input value: "
                    + path.expression());
        }
        String assignment = path.expression() + " == " + (value.isTextual() ? value.textValue() : Json.write(value));
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new StatesFailure(StatesError.RUNTIME, "The SecondsPath parameter cannot be parsed as a long value: " + assignment);
        }
        if (value.asLong() < 0) {
            throw new StatesFailure(StatesError.RUNTIME, "The SecondsPath parameter references a negative value: " + assignment);
        }
        return value.asLong();
    }

    /**
     * Recorded on AWS (LocalStack test_wait.py::test_wait_timestamppath): "The TimestampPath parameter
     * does not reference a valid ISO-8601 extended offset date-time format string: $.start_at == 2023-12-11T22:05:59".
     */
    private static String invalidTimestamp(String field, String written, JsonNode value) {
        return "The " + field + " parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                + written + " == " + (value == null ? "null" : value.isTextual() ? value.textValue() : Json.write(value));
    }

    /** The instant a timestamp names, or null when it is not an RFC 3339 date-time with an offset. */
    private static Instant timestamp(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
