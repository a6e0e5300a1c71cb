package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;

/** A side of a filter comparison: a literal or a path from {@code @} or {@code $}. */
sealed interface FilterOperand {

    /** The operand's value, or null when its path selects nothing. */
    JsonNode value(JsonNode current, JsonNode root);

    record Literal(JsonNode literal) implements FilterOperand {
        @Override
        public JsonNode value(JsonNode current, JsonNode root) {
            return literal;
        }
    }

    /** {@code @.a.b} (from the current element) or {@code $.a} (from the document root). */
    record PathOperand(JsonPath path, boolean fromRoot) implements FilterOperand {
        @Override
        public JsonNode value(JsonNode current, JsonNode root) {
            return path.selectFrom(fromRoot ? root : current, root);
        }
    }
}
