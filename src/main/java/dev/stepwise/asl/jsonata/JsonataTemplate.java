package dev.stepwise.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.PathSyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A compiled JSONata-mode field value (Arguments, Output, Assign, Items, ItemSelector, Fail's
 * Error and Cause, Wait's Seconds and Timestamp, TimeoutSeconds, ...): "Any string value,
 * including those inside objects or arrays, will be evaluated as JSONata if surrounded by {% %}
 * characters" (AWS, Output field). Every other value is literal, and keys are never evaluated.
 *
 * <p>A string is an expression only when it starts with {@code {%} and ends with {@code %}}
 * exactly; a space before or after makes it a literal (AWS: "The string must start with {% (no
 * leading spaces) and end with %} (no trailing spaces)"). The text between is trimmed.
 *
 * <p>Undefined is never a value here. An expression that returns nothing fails the state with
 * States.QueryEvaluationError wherever it sits, the whole field or one key deep inside it, and
 * is not left out: AWS recorded "The JSONata expression '$states.input.pushLocation' specified
 * for the field 'Arguments/Input/pushLocation' returned nothing (undefined)." The field is named
 * as AWS names it: the field's name, {@code /key} per object key and {@code [i]} per array index.
 * A JSON null result is a value and is kept.
 */
public final class JsonataTemplate {
    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private final Node root;
    private final JsonNode source;

    private JsonataTemplate(Node root, JsonNode source) {
        this.root = root;
        this.source = source;
    }

    /** True for a string AWS evaluates: exactly {@code {%}, an expression, {@code %}}. */
    public static boolean isExpression(String value) {
        return value != null && value.length() >= OPEN.length() + CLOSE.length()
                && value.startsWith(OPEN) && value.endsWith(CLOSE);
    }

    /** The trimmed text between the delimiters of a string {@link #isExpression} accepts. */
    public static String expressionText(String value) {
        if (!isExpression(value)) {
            throw new IllegalArgumentException("not a {% ... %} expression: " + value);
        }
        return value.substring(OPEN.length(), value.length() - CLOSE.length()).trim();
    }

    /**
     * @param field the field's name as AWS writes it in causes ({@code Output}, {@code Assign},
     *              {@code Arguments}, {@code Items}, {@code Seconds}, {@code Choices[0]/Condition})
     * @throws PathSyntaxException when an expression anywhere in the value cannot be parsed
     */
    public static JsonataTemplate compile(String field, JsonNode template) {
        return new JsonataTemplate(compileNode(field, template), template);
    }

    /** As {@link #compile(String, JsonNode)} for a value whose causes need not name a field. */
    public static JsonataTemplate compile(JsonNode template) {
        return compile("", template);
    }

    /** The field's value as written in the definition. */
    public JsonNode source() {
        return source;
    }

    /** True when the value holds no expression and evaluates to itself. */
    public boolean isConstant() {
        return root instanceof Constant;
    }

    /**
     * @throws StatesFailure States.QueryEvaluationError when an expression throws or returns nothing
     */
    public JsonNode evaluate(JsonNode statesVariable, Map<String, JsonNode> variables, RandomGenerator random) {
        return root.evaluate(new Scope(statesVariable, variables, random, null));
    }

    /** As {@link #evaluate(JsonNode, Map, RandomGenerator)} with {@code $now()} and {@code $millis()} at {@code now}. */
    public JsonNode evaluate(JsonNode statesVariable, Map<String, JsonNode> variables, RandomGenerator random,
            Instant now) {
        return root.evaluate(new Scope(statesVariable, variables, random, now));
    }

    private static Node compileNode(String field, JsonNode template) {
        if (template.isTextual() && isExpression(template.textValue())) {
            return new Expression(field, JsonataExpression.compile(expressionText(template.textValue())));
        }
        if (template.isObject()) {
            List<Field> fields = new ArrayList<>(template.size());
            boolean dynamic = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Node value = compileNode(field.isEmpty() ? entry.getKey() : field + "/" + entry.getKey(), entry.getValue());
                dynamic |= !(value instanceof Constant);
                fields.add(new Field(entry.getKey(), value));
            }
            return dynamic ? new ObjectTemplate(List.copyOf(fields)) : new Constant(template);
        }
        if (template.isArray()) {
            List<Node> elements = new ArrayList<>(template.size());
            boolean dynamic = false;
            for (int i = 0; i < template.size(); i++) {
                Node element = compileNode(field + "[" + i + "]", template.get(i));
                dynamic |= !(element instanceof Constant);
                elements.add(element);
            }
            return dynamic ? new ArrayTemplate(List.copyOf(elements)) : new Constant(template);
        }
        return new Constant(template);
    }

    private record Scope(JsonNode states, Map<String, JsonNode> variables, RandomGenerator random, Instant now) {
    }

    private sealed interface Node {
        JsonNode evaluate(Scope scope);
    }

    private record Field(String name, Node value) {
    }

    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(Scope scope) {
            return value;
        }
    }

    private record Expression(String field, JsonataExpression expression) implements Node {
        @Override
        public JsonNode evaluate(Scope scope) {
            return expression.evaluateRequired(field, scope.states(), scope.variables(), scope.random(), scope.now());
        }
    }

    private record ObjectTemplate(List<Field> fields) implements Node {
        @Override
        public JsonNode evaluate(Scope scope) {
            ObjectNode out = Json.object();
            for (Field field : fields) {
                out.set(field.name(), field.value().evaluate(scope));
            }
            return out;
        }
    }

    private record ArrayTemplate(List<Node> elements) implements Node {
        @Override
        public JsonNode evaluate(Scope scope) {
            ArrayNode out = Json.NODES.arrayNode(elements.size());
            for (Node element : elements) {
                out.add(element.evaluate(scope));
            }
            return out;
        }
    }
}
