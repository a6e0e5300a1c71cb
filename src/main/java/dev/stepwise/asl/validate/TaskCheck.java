package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** Task: Resource, Credentials, timeouts and heartbeats, Retry and Catch. */
final class TaskCheck implements StateValidator.StateCheck {
    /** AWS limit for TimeoutSeconds and HeartbeatSeconds (measured, cdk_preflight rego rules). */
    static final long MAX_SECONDS = 99999999L;

    private final Findings findings;
    private final Syntax syntax;
    private final ErrorHandlers errorHandlers;

    TaskCheck(Findings findings, Syntax syntax, ErrorHandlers errorHandlers) {
        this.findings = findings;
        this.syntax = syntax;
        this.errorHandlers = errorHandlers;
    }

    @Override
    public void check(StateContext state) {
        if (findings.required(state.node(), state.location(), "Resource")
                && findings.isString(state.get("Resource"), state.at("Resource"))
                && !isArn(state.get("Resource").textValue())) {
            // Wording quoted by the cdk_preflight rego rules for a Resource that is not an ARN.
            findings.schema("Value is not a valid resource ARN", state.at("Resource"));
        }
        checkCredentials(state);
        findings.atMostOne(state.node(), state.location(), "TimeoutSeconds", "TimeoutSecondsPath");
        findings.atMostOne(state.node(), state.location(), "HeartbeatSeconds", "HeartbeatSecondsPath");
        seconds(state, "TimeoutSeconds");
        seconds(state, "HeartbeatSeconds");
        if (!state.jsonata()) {
            syntax.singleValuePath(state.get("TimeoutSecondsPath"), "TimeoutSecondsPath", state.at("TimeoutSecondsPath"));
            syntax.singleValuePath(state.get("HeartbeatSecondsPath"), "HeartbeatSecondsPath", state.at("HeartbeatSecondsPath"));
        }
        JsonNode timeout = state.get("TimeoutSeconds");
        JsonNode heartbeat = state.get("HeartbeatSeconds");
        if (timeout != null && heartbeat != null && timeout.isIntegralNumber() && heartbeat.isIntegralNumber()
                && heartbeat.longValue() >= timeout.longValue()) {
            // ASL spec: "the HeartbeatSeconds interval MUST be smaller than TimeoutSeconds".
            findings.schema("HeartbeatSeconds must be smaller than TimeoutSeconds", state.at("HeartbeatSeconds"));
        }
        errorHandlers.check(state);
    }

    private void seconds(StateContext state, String field) {
        if (state.has(field) && !state.isJsonataExpression(field)) {
            findings.integerIn(state.get(field), state.at(field), 1, MAX_SECONDS);
        }
    }

    /** "arn:partition:service:region:account:resource" — region and account may be empty (arn:aws:states:::lambda:invoke). */
    static boolean isArn(String text) {
        String[] parts = text.split(":", -1);
        return parts.length >= 6 && parts[0].equals("arn") && !parts[1].isEmpty() && !parts[2].isEmpty();
    }

    /**
     * Credentials carry the role to assume: RoleArn, or RoleArn.$ in JSONPath. "The field 'RoleArn'
     * is required but was missing" is the wording quoted by the cdk_preflight rego rules.
     */
    private void checkCredentials(StateContext state) {
        if (!state.has("Credentials") || !findings.isObject(state.get("Credentials"), state.at("Credentials"))) {
            return;
        }
        JsonNode credentials = state.get("Credentials");
        if (!credentials.has("RoleArn") && !credentials.has("RoleArn.$")) {
            findings.schema("The field 'RoleArn' is required but was missing", state.at("Credentials"));
        }
        if (!state.jsonata()) {
            syntax.template(credentials, state.at("Credentials"));
        }
    }
}
