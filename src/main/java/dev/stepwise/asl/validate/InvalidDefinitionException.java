package dev.stepwise.asl.validate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The only exception a bad definition raises: every finding, AWS-style. The message is AWS
 * CreateStateMachine's InvalidDefinition text: all findings inside ONE pair of quotes, each as
 * "CODE: message at location", joined by ", " — as AWS answered for a definition with two problems
 * (localstack/localstack issue #11978): {@code Invalid State Machine Definition:
 * 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next,
 * MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'}. A finding without
 * a location prints "at null" ({@code 'MISSING_END_STATE: Workflow has no terminal state at null'},
 * measured on AWS, floci-io/floci #2735).
 */
public class InvalidDefinitionException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public InvalidDefinitionException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String summary(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.code() + ": " + d.message() + " at " + d.location())
                .collect(Collectors.joining(", ", "Invalid State Machine Definition: '", "'"));
    }
}
