package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The predicate of a filter step {@code [?(...)]}: comparisons with {@code == != < <= > >=},
 * existence tests ({@code @.isbn}), {@code &&}, {@code ||}, {@code !} and parentheses, as
 * Jayway JsonPath evaluates them.
 */
sealed interface FilterExpression {

    /**
     * @param current the value {@code @} stands for
     * @param root    the value {@code $} stands for
     */
    boolean test(JsonNode current, JsonNode root);

    record Or(List<FilterExpression> operands) implements FilterExpression {
        @Override
        public boolean test(JsonNode current, JsonNode root) {
            for (FilterExpression operand : operands) {
                if (operand.test(current, root)) {
                    return true;
                }
            }
            return false;
        }
    }

    record And(List<FilterExpression> operands) implements FilterExpression {
        @Override
        public boolean test(JsonNode current, JsonNode root) {
            for (FilterExpression operand : operands) {
                if (!operand.test(current, root)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Not(FilterExpression operand) implements FilterExpression {
        @Override
        public boolean test(JsonNode current, JsonNode root) {
            return !operand.test(current, root);
        }
    }

    /** {@code [?(@.isbn)]}: the path selects something (even a JSON null). */
    record Exists(FilterOperand path) implements FilterExpression {
        @Override
        public boolean test(JsonNode current, JsonNode root) {
            return path.value(current, root) != null;
        }
    }

    record Comparison(FilterOperand left, FilterOperator operator, FilterOperand right)
            implements FilterExpression {
        @Override
        public boolean test(JsonNode current, JsonNode root) {
            return operator.test(left.value(current, root), right.value(current, root));
        }
    }
}
