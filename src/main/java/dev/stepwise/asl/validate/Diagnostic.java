package dev.stepwise.asl.validate;

/**
 * One finding about a definition, in the shape of AWS ValidateStateMachineDefinition's
 * diagnostics: severity, code (e.g. SCHEMA_VALIDATION_FAILED), message and location (a JSON
 * pointer such as {@code /States/Hello/Next}).
 */
public record Diagnostic(Severity severity, String code, String message, String location) {
    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String code, String message, String location) {
        return new Diagnostic(Severity.ERROR, code, message, location);
    }
}
