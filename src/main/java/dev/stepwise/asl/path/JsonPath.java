package dev.stepwise.asl.path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimitExceeded;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import java.util.Optional;

/**
 * A compiled JSONPath as AWS Step Functions evaluates it: {@code $} selects the input,
 * {@code $$} the context object.
 *
 * <p>AWS evaluates paths with Jayway JsonPath, and so does this class: a definite path (names
 * and single indexes only) reads one value or nothing; any other path reads the array of all its
 * matches in document order, possibly empty.
 */
public final class JsonPath {

    /** What {@code $} (or {@code @} inside a filter) stands for. */
    enum Root { INPUT, CONTEXT, CURRENT, VARIABLE }

    private final String expression;
    private final Root root;
    /** The variable a {@code $name...} path starts at; null for other roots. */
    private final String variable;
    private final PathStep[] steps;
    private final boolean definite;
    private final boolean referencePath;

    JsonPath(String expression, Root root, PathStep[] steps) {
        this(expression, root, null, steps);
    }

    JsonPath(String expression, Root root, String variable, PathStep[] steps) {
        this.expression = expression;
        this.root = root;
        this.variable = variable;
        this.steps = steps;
        boolean allDefinite = true;
        boolean onlyNamesAndIndexes = true;
        for (PathStep step : steps) {
            allDefinite &= step.isDefinite();
            onlyNamesAndIndexes &= step instanceof PathStep.Field || step instanceof PathStep.Index;
        }
        this.definite = allDefinite;
        this.referencePath = onlyNamesAndIndexes;
    }

    /** @throws PathSyntaxException when the text is not a JSONPath */
    public static JsonPath compile(String expression) {
        return PathParser.parse(expression);
    }

    public String expression() {
        return expression;
    }

    /** True when the path can only ever select one value (no wildcard, slice, union, filter or "..") . */
    public boolean isDefinite() {
        return definite;
    }

    /** True for a Reference Path: names and single indexes only, as ResultPath requires. */
    public boolean isReferencePath() {
        return referencePath;
    }

    /** The workflow variable a {@code $name} path reads, or null when it reads the input or context. */
    public String variableName() {
        return variable;
    }

    /** True when the path starts at the context object ({@code $$}). */
    public boolean isContextPath() {
        return root == Root.CONTEXT;
    }

    /**
     * The selected value. A definite path that matches nothing gives empty; an indefinite path
     * gives the array of its matches (possibly empty).
     */
    public Optional<JsonNode> read(Bindings bindings) {
        return EvaluationBudget.within(() -> {
            JsonNode start = start(bindings);
            return Optional.ofNullable(selectFrom(start, start));
        });
    }

    /**
     * The selected value, for the fields that fail when their path matches nothing: InputPath,
     * OutputPath, ItemsPath and the like.
     *
     * @throws StatesFailure States.Runtime with AWS's cause, e.g.
     *     {@code Invalid path '$.Payload' : No results for path: $['Payload']}; the engine adds the
     *     "An error occurred while executing the state ..." prefix
     */
    public JsonNode readRequired(Bindings bindings) {
        return EvaluationBudget.within(() -> {
            JsonNode start = start(bindings);
            JsonNode value = selectFrom(start, start);
            if (value == null) {
                throw new StatesFailure(StatesError.RUNTIME, "Invalid path '" + expression + "' : " + missReason(start));
            }
            return value;
        });
    }

    /** The steps, for {@link ReferencePath}. */
    PathStep[] steps() {
        return steps;
    }

    private JsonNode start(Bindings bindings) {
        if (root == Root.VARIABLE) {
            return bindings.variables().get(variable);
        }
        return root == Root.CONTEXT ? bindings.contextObject() : bindings.input();
    }

    /** The selection from {@code start}, or null when a definite path selects nothing. */
    JsonNode selectFrom(JsonNode start, JsonNode documentRoot) {
        if (definite) {
            return selectDefinite(start);
        }
        ArrayNode matches = Json.NODES.arrayNode();
        if (start != null && !start.isMissingNode()) {
            collect(start, 0, documentRoot, matches);
        }
        return matches;
    }

    private JsonNode selectDefinite(JsonNode start) {
        JsonNode node = start;
        if (node == null || node.isMissingNode()) {
            return null;
        }
        for (PathStep step : steps) {
            if (step instanceof PathStep.Field field) {
                node = node.isObject() ? node.get(field.name()) : null;
            } else if (step instanceof PathStep.Index index) {
                node = PathStep.Index.element(node, index.index());
            } else {
                node = ((PathStep.FieldUnion) step).merge(node);
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /**
     * Each {@code ..} multiplies the matches ({@code $..*..*} is every pair of a node and a
     * descendant), so the matches are counted as they come: an array of more than half a payload's
     * bytes of members could never be a state's input or output.
     */
    private void collect(JsonNode node, int at, JsonNode documentRoot, ArrayNode out) {
        if (at == steps.length) {
            out.add(node);
            long limit = EvaluationBudget.current().limits().payloadBytes();
            if (2L * out.size() > limit) {
                throw EvaluationLimitExceeded.tooLarge("the path '" + expression + "'", limit);
            }
            return;
        }
        int next = at + 1;
        steps[at].select(node, documentRoot, value -> collect(value, next, documentRoot, out));
    }

    /**
     * Jayway's reason for a definite path that selects nothing: a missing last field is "No
     * results for path", a missing field on the way is "Missing property in path". Jayway's text
     * for a value of the wrong type names its JSON provider's Java classes, which AWS does not
     * document, so those misses are reported as "No results for path" too.
     */
    private String missReason(JsonNode start) {
        JsonNode node = start;
        for (int i = 0; i < steps.length && node != null && !node.isMissingNode(); i++) {
            PathStep step = steps[i];
            if (step instanceof PathStep.Field field && node.isObject() && node.get(field.name()) == null) {
                return i == steps.length - 1
                        ? "No results for path: " + jaywayPath(steps.length)
                        : "Missing property in path " + jaywayPath(i + 1);
            }
            node = step instanceof PathStep.Field field
                    ? (node.isObject() ? node.get(field.name()) : null)
                    : step instanceof PathStep.Index index ? PathStep.Index.element(node, index.index()) : null;
        }
        return "No results for path: " + jaywayPath(steps.length);
    }

    /** The path in Jayway's normalized notation: {@code $['a']['b'][0]}. */
    private String jaywayPath(int stepCount) {
        StringBuilder path = new StringBuilder("$");
        for (int i = 0; i < stepCount; i++) {
            PathStep step = steps[i];
            if (step instanceof PathStep.Field field) {
                path.append("['").append(field.name()).append("']");
            } else if (step instanceof PathStep.Index index) {
                path.append('[').append(index.index()).append(']');
            } else if (step instanceof PathStep.FieldUnion union) {
                path.append('[');
                for (int n = 0; n < union.names().size(); n++) {
                    path.append(n == 0 ? "'" : ", '").append(union.names().get(n)).append('\'');
                }
                path.append(']');
            }
        }
        return path.toString();
    }

    @Override
    public String toString() {
        return expression;
    }
}
