package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One state being checked: its JSON, where it sits, whether it evaluates JSONata, and where its
 * outgoing transitions are collected for the scope's target and reachability checks.
 * {@code misspelt} holds the fields already reported as slips for a known one ("Next" → "Nxt"),
 * so the checks after that do not also report the known field as missing.
 */
record StateContext(String name, JsonNode node, String location, boolean jsonata, List<TransitionTarget> transitions,
                    Map<String, String> misspelt) {

    StateContext(String name, JsonNode node, String location, boolean jsonata, List<TransitionTarget> transitions) {
        this(name, node, location, jsonata, transitions, new LinkedHashMap<>());
    }

    /** The misspelt field taken for {@code field}, when {@code field} itself is absent. */
    java.util.Optional<String> misspelt(String field) {
        return node.has(field) ? java.util.Optional.empty() : java.util.Optional.ofNullable(misspelt.get(field));
    }

    String at(String field) {
        return Findings.at(location, field);
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** A numeric field in a JSONata state may hold a "{% expression %}" string instead. */
    boolean isJsonataExpression(String field) {
        JsonNode value = node.get(field);
        return jsonata && value != null && value.isTextual();
    }
}
