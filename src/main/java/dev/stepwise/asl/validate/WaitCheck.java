package dev.stepwise.asl.validate;

import java.util.regex.Pattern;

/** Wait: exactly one of Seconds, Timestamp, SecondsPath, TimestampPath. */
final class WaitCheck implements StateValidator.StateCheck {
    /**
     * ASL: timestamps conform to the RFC3339 profile of ISO 8601, with an uppercase T between date
     * and time and an uppercase Z when there is no numeric time zone offset.
     */
    static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private final Findings findings;
    private final Syntax syntax;

    WaitCheck(Findings findings, Syntax syntax) {
        this.findings = findings;
        this.syntax = syntax;
    }

    @Override
    public void check(StateContext state) {
        // Field order as AWS prints it (quoted by the cdk_preflight rego rules).
        findings.exactlyOne(state.node(), state.location(), "SecondsPath", "Seconds", "TimestampPath", "Timestamp");
        if (state.has("Seconds") && !state.isJsonataExpression("Seconds")) {
            findings.integerIn(state.get("Seconds"), state.at("Seconds"), 0, TaskCheck.MAX_SECONDS);
        }
        if (state.has("Timestamp") && !state.jsonata()
                && findings.isString(state.get("Timestamp"), state.at("Timestamp"))
                && !isTimestamp(state.get("Timestamp").textValue())) {
            findings.schema("Value is not a valid timestamp", state.at("Timestamp"));
        }
        if (!state.jsonata()) {
            syntax.singleValuePath(state.get("SecondsPath"), "SecondsPath", state.at("SecondsPath"));
            syntax.singleValuePath(state.get("TimestampPath"), "TimestampPath", state.at("TimestampPath"));
        }
    }

    static boolean isTimestamp(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return false;
        }
        try {
            java.time.OffsetDateTime.parse(text);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
