package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;

/** A Reference Path used as ResultPath: where a state's result is placed in its input. */
public final class ReferencePath {

    /**
     * The error AWS raises when a reference path cannot be applied to a value. AWS documents
     * States.ResultPathMatchFailure for a ResultPath that "cannot be applied to the input the state
     * received", but executions on AWS report this name instead, e.g. a ResultPath of
     * {@code $.someTaskResult} on the string input "input1" fails with
     * {@code States.ReferencePathConflict} and the cause
     * {@code Unable to apply ReferencePath $.someTaskResult to input "input1"} (execution recorded
     * in qiita.com/tsubasaogawa/items/4fe341bdb6ae7d2fd8ee; the same name is reported for Map
     * ItemsPath misses, "Unable to apply step "chunks" to input {...}").
     */
    public static final String REFERENCE_PATH_CONFLICT = "States.ReferencePathConflict";

    private final String expression;
    private final PathStep[] steps;

    private ReferencePath(String expression, PathStep[] steps) {
        this.expression = expression;
        this.steps = steps;
    }

    /** @throws PathSyntaxException when the text is not a reference path */
    public static ReferencePath compile(String expression) {
        JsonPath path = JsonPath.compile(expression);
        if (path.isContextPath()) {
            throw new PathSyntaxException("Invalid ReferencePath '" + expression
                    + "': a reference path must start with '$', not the context object '$$'");
        }
        if (path.variableName() != null) {
            throw new PathSyntaxException("Invalid ReferencePath '" + expression
                    + "': a reference path must start with '$', not a variable");
        }
        if (!path.isReferencePath()) {
            throw new PathSyntaxException("Invalid ReferencePath '" + expression
                    + "': only field names and single array indexes are allowed (no *, .., [?(...)], [a:b] or unions)");
        }
        return new ReferencePath(expression, path.steps());
    }

    public String expression() {
        return expression;
    }

    /**
     * A new tree: {@code target} with {@code value} placed at this path, creating objects on the
     * way; {@code $} replaces the whole target. The target is not changed.
     *
     * <p>Only the objects and arrays along the path are copied; everything else is shared. An
     * index step replaces an element of an array that already has it: there is no telling what
     * the elements before a new index would be, so a missing array or index cannot be applied.
     *
     * @throws dev.stepwise.asl.StatesFailure {@value #REFERENCE_PATH_CONFLICT} when the path
     *     cannot be applied (a field of something that is not an object, an index of something
     *     that is not an array or beyond its end)
     */
    public JsonNode put(JsonNode target, JsonNode value) {
        if (steps.length == 0) {
            return value;
        }
        return putAt(target, 0, value, target);
    }

    private JsonNode putAt(JsonNode node, int at, JsonNode value, JsonNode target) {
        boolean last = at == steps.length - 1;
        if (steps[at] instanceof PathStep.Field field) {
            if (node != null && !node.isObject()) {
                throw conflict(target);
            }
            ObjectNode copy = Json.object();
            if (node != null) {
                copy.setAll((ObjectNode) node);
            }
            JsonNode child = node == null ? null : node.get(field.name());
            copy.set(field.name(), last ? value : putAt(child, at + 1, value, target));
            return copy;
        }
        int index = ((PathStep.Index) steps[at]).index();
        if (node == null || !node.isArray()) {
            throw conflict(target);
        }
        int position = index < 0 ? node.size() + index : index;
        if (position < 0 || position >= node.size()) {
            throw conflict(target);
        }
        ArrayNode copy = Json.NODES.arrayNode(node.size());
        copy.addAll((ArrayNode) node);
        copy.set(position, last ? value : putAt(node.get(position), at + 1, value, target));
        return copy;
    }

    private StatesFailure conflict(JsonNode target) {
        return new StatesFailure(REFERENCE_PATH_CONFLICT,
                "Unable to apply ReferencePath " + expression + " to input " + Json.write(target));
    }

    /**
     * The value at this path, for the reference paths that must select something (ItemsPath).
     *
     * @throws StatesFailure {@value #REFERENCE_PATH_CONFLICT} with AWS's cause
     *     {@code Unable to apply step "chunks" to input {...}}, naming the first step that selects
     *     nothing and printing the whole input
     */
    public JsonNode read(JsonNode input) {
        JsonNode node = input;
        for (PathStep step : steps) {
            JsonNode next = step instanceof PathStep.Field field
                    ? (node.isObject() ? node.get(field.name()) : null)
                    : PathStep.Index.element(node, ((PathStep.Index) step).index());
            if (next == null) {
                String name = step instanceof PathStep.Field field
                        ? field.name()
                        : String.valueOf(((PathStep.Index) step).index());
                throw new StatesFailure(REFERENCE_PATH_CONFLICT,
                        "Unable to apply step \"" + name + "\" to input " + Json.write(input));
            }
            node = next;
        }
        return node;
    }

    @Override
    public String toString() {
        return expression;
    }
}
