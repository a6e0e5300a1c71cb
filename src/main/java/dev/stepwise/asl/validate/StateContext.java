package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One state being checked: its JSON, where it sits, whether it evaluates JSONata, and where its
 * outgoing transitions are collected for the scope's target and reachability checks.
 */
record StateContext(String name, JsonNode node, String location, boolean jsonata, List<Transition> transitions) {

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
