package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Parallel: every branch is a machine of its own, whose transitions stay inside it. */
final class ParallelCheck implements StateValidator.StateCheck {
    static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");

    private final Findings findings;
    private final ScopeValidator scopes;
    private final ErrorHandlers errorHandlers;

    ParallelCheck(Findings findings, ScopeValidator scopes, ErrorHandlers errorHandlers) {
        this.findings = findings;
        this.scopes = scopes;
        this.errorHandlers = errorHandlers;
    }

    @Override
    public void check(StateContext state) {
        if (findings.required(state.node(), state.location(), "Branches")
                && findings.nonEmptyArray(state.get("Branches"), state.at("Branches"))) {
            JsonNode branches = state.get("Branches");
            for (int i = 0; i < branches.size(); i++) {
                String location = Findings.at(state.at("Branches"), i);
                if (findings.isObject(branches.get(i), location)) {
                    subMachine(findings, scopes, branches.get(i), location, BRANCH_FIELDS);
                }
            }
        }
        errorHandlers.check(state);
    }

    /** A branch or an item processor: its own fields, then its StartAt and States as a scope. */
    static void subMachine(Findings findings, ScopeValidator scopes, JsonNode machine, String location, Set<String> fields) {
        java.util.Map<String, String> misspelt = findings.unknownFields(machine, location, fields);
        if (machine.has("Comment")) {
            findings.isString(machine.get("Comment"), Findings.at(location, "Comment"));
        }
        scopes.validate(machine, location, misspelt.keySet());
    }
}
