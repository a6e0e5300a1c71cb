package dev.stepwise.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed, validated definition. {@code timeoutSeconds} is null when the definition sets none;
 * {@code source} is the definition document as given.
 */
public record StateMachine(Branch root, String comment, String version, Integer timeoutSeconds,
                           String queryLanguage, JsonNode source) {
}
