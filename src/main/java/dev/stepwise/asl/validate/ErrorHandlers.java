package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Retry and Catch of Task, Parallel and Map states.
 *
 * <p>"States.ALL must appear alone and at end of list" is AWS's wording (quoted by the cdk_preflight
 * rego rules) for both halves of the spec's rule: "States.ALL ... MUST appear alone in its
 * ErrorEquals array and MUST appear in the last Retrier/Catcher".
 */
final class ErrorHandlers {
    static final String STATES_ALL = "States.ALL";
    static final String STATES_ALL_RULE = "States.ALL must appear alone and at end of list";

    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "Next", "ResultPath", "Comment",
            "Output", "Assign");

    private final Findings findings;
    private final Syntax syntax;

    ErrorHandlers(Findings findings, Syntax syntax) {
        this.findings = findings;
        this.syntax = syntax;
    }

    void check(StateContext state) {
        if (state.has("Retry") && findings.isArray(state.get("Retry"), state.at("Retry"))) {
            JsonNode retriers = state.get("Retry");
            for (int i = 0; i < retriers.size(); i++) {
                retrier(retriers.get(i), Findings.at(state.at("Retry"), i), i == retriers.size() - 1, state);
            }
        }
        if (state.has("Catch") && findings.isArray(state.get("Catch"), state.at("Catch"))) {
            JsonNode catchers = state.get("Catch");
            for (int i = 0; i < catchers.size(); i++) {
                catcher(catchers.get(i), Findings.at(state.at("Catch"), i), i == catchers.size() - 1, state);
            }
        }
    }

    private void retrier(JsonNode retrier, String location, boolean last, StateContext state) {
        if (!findings.isObject(retrier, location)) {
            return;
        }
        findings.unknownFields(retrier, location, RETRIER_FIELDS);
        errorEquals(retrier, location, last);
        // Ranges measured on AWS (cdk_preflight rego rules): IntervalSeconds 0 is accepted although
        // the spec asks for a positive integer; MaxDelaySeconds is capped at 31622400 (366 days).
        if (retrier.has("IntervalSeconds")) {
            findings.integerIn(retrier.get("IntervalSeconds"), Findings.at(location, "IntervalSeconds"), 0, TaskCheck.MAX_SECONDS);
        }
        if (retrier.has("MaxAttempts")) {
            findings.integerIn(retrier.get("MaxAttempts"), Findings.at(location, "MaxAttempts"), 0, TaskCheck.MAX_SECONDS);
        }
        if (retrier.has("MaxDelaySeconds")) {
            findings.integerIn(retrier.get("MaxDelaySeconds"), Findings.at(location, "MaxDelaySeconds"), 1, 31622400L);
        }
        if (retrier.has("BackoffRate")) {
            findings.numberIn(retrier.get("BackoffRate"), Findings.at(location, "BackoffRate"), 1.0, null);
        }
        if (retrier.has("JitterStrategy")) {
            findings.oneOf(retrier.get("JitterStrategy"), Findings.at(location, "JitterStrategy"), List.of("NONE", "FULL"));
        }
    }

    private void catcher(JsonNode catcher, String location, boolean last, StateContext state) {
        if (!findings.isObject(catcher, location)) {
            return;
        }
        java.util.Map<String, String> misspelt = findings.unknownFields(catcher, location, CATCHER_FIELDS);
        errorEquals(catcher, location, last);
        if (!catcher.has("Next") && misspelt.containsKey("Next")) {
            // "Nxt": already reported with its suggestion; its target still counts as reached.
            TransitionTarget.guess(state.transitions(), catcher.get(misspelt.get("Next")), Findings.at(location, misspelt.get("Next")));
        } else if (findings.required(catcher, location, "Next")
                && findings.isString(catcher.get("Next"), Findings.at(location, "Next"))) {
            state.transitions().add(new TransitionTarget(catcher.get("Next").textValue(), Findings.at(location, "Next")));
        }
        if (state.jsonata()) {
            if (catcher.has("ResultPath")) {
                findings.schema(StateValidator.wrongLanguage("JSONata", "ResultPath", "JSONPath"), location);
            }
        } else {
            if (catcher.has("Output")) {
                findings.schema(StateValidator.wrongLanguage("JSONPath", "Output", "JSONata"), location);
            }
            syntax.referencePath(catcher.get("ResultPath"), "ResultPath", Findings.at(location, "ResultPath"));
            if (catcher.has("Assign") && findings.isObject(catcher.get("Assign"), Findings.at(location, "Assign"))) {
                syntax.template(catcher.get("Assign"), Findings.at(location, "Assign"));
            }
        }
    }


    private void errorEquals(JsonNode handler, String location, boolean last) {
        if (!findings.required(handler, location, "ErrorEquals")) {
            return;
        }
        String at = Findings.at(location, "ErrorEquals");
        JsonNode names = handler.get("ErrorEquals");
        if (!findings.nonEmptyArray(names, at)) {
            return;
        }
        boolean all = false;
        for (int i = 0; i < names.size(); i++) {
            if (findings.isString(names.get(i), Findings.at(at, i)) && STATES_ALL.equals(names.get(i).textValue())) {
                all = true;
            }
        }
        if (all && (names.size() > 1 || !last)) {
            findings.schema(STATES_ALL_RULE, at);
        }
    }
}
