package dev.stepwise.asl.validate;

import java.util.List;

/** The only exception a bad definition raises: every finding, AWS-style. */
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
        StringBuilder text = new StringBuilder("Invalid State Machine Definition: ");
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            if (i > 0) {
                text.append(", ");
            }
            text.append('\'').append(d.code()).append(": ").append(d.message());
            if (d.location() != null && !d.location().isEmpty()) {
                text.append(" at ").append(d.location());
            }
            text.append('\'');
        }
        return text.toString();
    }
}
