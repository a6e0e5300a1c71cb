package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.Json;
import java.util.List;
import java.util.function.Consumer;

/**
 * One step of a compiled JSONPath. The steps are the Jayway JsonPath tokens AWS evaluates
 * ({@code .name}, {@code [n]}, {@code [*]}, unions, slices, filters and {@code ..}).
 */
sealed interface PathStep {

    /** True when the step can select at most one value, as Jayway decides "definite". */
    boolean isDefinite();

    /** Passes what this step selects from {@code node} to {@code sink}, in document order. */
    void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink);

    /** What the step selects at one node of a {@code ..} walk; mostly the same as a plain step. */
    default void selectWhileScanning(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
        select(node, root, sink);
    }

    /** {@code .name}, {@code ['name']}. */
    record Field(String name) implements PathStep {
        @Override
        public boolean isDefinite() {
            return true;
        }

        @Override
        public void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            JsonNode value = node.isObject() ? node.get(name) : null;
            if (value != null) {
                sink.accept(value);
            }
        }
    }

    /** {@code [n]}; a negative index counts from the end, as in Jayway. */
    record Index(int index) implements PathStep {
        @Override
        public boolean isDefinite() {
            return true;
        }

        @Override
        public void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            JsonNode value = element(node, index);
            if (value != null) {
                sink.accept(value);
            }
        }

        static JsonNode element(JsonNode node, int index) {
            if (!node.isArray()) {
                return null;
            }
            int at = index < 0 ? node.size() + index : index;
            return at >= 0 && at < node.size() ? node.get(at) : null;
        }
    }

    /** {@code [*]} or {@code .*}: every element of an array or every value of an object. */
    record Wildcard() implements PathStep {
        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            if (node.isContainerNode()) {
                node.forEach(sink);
            }
        }
    }

    /**
     * {@code ['a','b']}. Jayway merges the named fields into one object when this is the last
     * step ({@code $['a','b']} reads {@code {"a":..,"b":..}}), which makes that path definite;
     * anywhere else it visits each field in turn.
     */
    record FieldUnion(List<String> names, boolean leaf) implements PathStep {
        @Override
        public boolean isDefinite() {
            return leaf;
        }

        @Override
        public void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            if (leaf) {
                JsonNode merged = merge(node);
                if (merged != null) {
                    sink.accept(merged);
                }
            } else {
                selectWhileScanning(node, root, sink);
            }
        }

        @Override
        public void selectWhileScanning(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            if (node.isObject()) {
                for (String name : names) {
                    JsonNode value = node.get(name);
                    if (value != null) {
                        sink.accept(value);
                    }
                }
            }
        }

        /** One object holding those of the named fields that exist, or null on a non-object. */
        JsonNode merge(JsonNode node) {
            if (!node.isObject()) {
                return null;
            }
            ObjectNode merged = Json.object();
            for (String name : names) {
                JsonNode value = node.get(name);
                if (value != null) {
                    merged.set(name, value);
                }
            }
            return merged;
        }
    }

    /** {@code [0,2]}. */
    record IndexUnion(int[] indexes) implements PathStep {
        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            for (int index : indexes) {
                JsonNode value = Index.element(node, index);
                if (value != null) {
                    sink.accept(value);
                }
            }
        }
    }

    /**
     * {@code [start:end]} with either bound optional; a negative bound counts from the end and
     * bounds beyond the array are clamped, as in Jayway ({@code [-2:]} is the last two).
     */
    record Slice(Integer start, Integer end) implements PathStep {
        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            if (!node.isArray()) {
                return;
            }
            int size = node.size();
            int to = bound(end, size, size);
            for (int i = bound(start, 0, size); i < to; i++) {
                sink.accept(node.get(i));
            }
        }

        private static int bound(Integer value, int absent, int size) {
            if (value == null) {
                return absent;
            }
            int at = value < 0 ? size + value : value;
            return Math.max(0, Math.min(at, size));
        }
    }

    /** {@code [?(...)]}: Jayway tests each element of an array, but an object itself. */
    record Filter(FilterExpression predicate) implements PathStep {
        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            if (node.isArray()) {
                for (JsonNode element : node) {
                    if (predicate.test(element, root)) {
                        sink.accept(element);
                    }
                }
            } else {
                selectWhileScanning(node, root, sink);
            }
        }

        /** Under {@code ..} Jayway keeps the objects that pass, at any depth; arrays never pass. */
        @Override
        public void selectWhileScanning(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            if (node.isObject() && predicate.test(node, root)) {
                sink.accept(node);
            }
        }
    }

    /**
     * {@code ..selector}: the selector at the node and then at each descendant, parents first. A
     * scan inside a scan, or in a filter tested at every member, walks the document once per node,
     * so each node it visits looks at the step's deadline.
     */
    record Scan(PathStep selector) implements PathStep {
        @Override
        public boolean isDefinite() {
            return false;
        }

        @Override
        public void select(JsonNode node, JsonNode root, Consumer<JsonNode> sink) {
            EvaluationBudget.current().checkTime();
            selector.selectWhileScanning(node, root, sink);
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    select(child, root, sink);
                }
            }
        }
    }
}
