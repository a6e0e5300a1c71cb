package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Walks a whole definition and reports every problem at once. */
public final class DefinitionValidator {

    /** All findings for a parsed definition document; empty when it is valid. */
    public List<Diagnostic> validate(JsonNode definition) {
        return List.of();
    }
}
