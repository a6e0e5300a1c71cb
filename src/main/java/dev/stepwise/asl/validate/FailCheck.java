package dev.stepwise.asl.validate;

/** Fail: Error or ErrorPath, Cause or CausePath, never both of a pair. */
final class FailCheck implements StateValidator.StateCheck {
    private final Findings findings;
    private final Syntax syntax;

    FailCheck(Findings findings, Syntax syntax) {
        this.findings = findings;
        this.syntax = syntax;
    }

    @Override
    public void check(StateContext state) {
        findings.atMostOne(state.node(), state.location(), "Error", "ErrorPath");
        findings.atMostOne(state.node(), state.location(), "Cause", "CausePath");
        for (String field : new String[] {"Error", "Cause"}) {
            if (state.has(field)) {
                findings.isString(state.get(field), state.at(field));
            }
        }
        if (!state.jsonata()) {
            // ErrorPath and CausePath take a path or an intrinsic function (AWS developer guide, Fail state).
            for (String field : new String[] {"ErrorPath", "CausePath"}) {
                if (state.has(field)) {
                    syntax.pathOrIntrinsic(state.get(field), field, state.at(field));
                }
            }
        }
    }
}
