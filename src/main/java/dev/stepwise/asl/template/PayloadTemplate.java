package dev.stepwise.asl.template;

import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.path.PathSyntaxException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.intrinsic.IntrinsicFunctions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A compiled Parameters, ResultSelector or ItemSelector object: fields whose names end in
 * {@code .$} take their value from a path or an intrinsic function; others are copied.
 *
 * <p>The spec applies {@code .$} to fields "however deeply nested", and that includes objects
 * inside arrays: AWS's own ECS integration passes {@code "Environment": [{"Name": "A",
 * "Value.$": "$.a"}]} inside ContainerOverrides (the CDK's TaskEnvironmentVariable renders
 * exactly that). Parts of the template without any {@code .$} field are shared, not copied.
 */
public final class PayloadTemplate {
    private static final String DOLLAR = ".$";

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /** @throws PathSyntaxException when a {@code .$} field holds neither a path nor an intrinsic call */
    public static PayloadTemplate compile(JsonNode template) {
        return new PayloadTemplate(compileNode(template));
    }

    /** @throws dev.stepwise.asl.StatesFailure when a path matches nothing or a function fails */
    public JsonNode evaluate(Bindings bindings) {
        // A Map's ItemSelector is evaluated once per item: each evaluation looks at the step's deadline.
        return EvaluationBudget.within(() -> {
            EvaluationBudget.current().checkTime();
            return root.evaluate(bindings);
        });
    }

    private static Node compileNode(JsonNode template) {
        if (template.isObject()) {
            List<Field> fields = new ArrayList<>(template.size());
            boolean dynamic = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Field field = compileField(entry.getKey(), entry.getValue());
                dynamic |= !(field.value() instanceof Constant);
                fields.add(field);
            }
            return dynamic ? new ObjectTemplate(List.copyOf(fields)) : new Constant(template);
        }
        if (template.isArray()) {
            List<Node> elements = new ArrayList<>(template.size());
            boolean dynamic = false;
            for (JsonNode element : template) {
                Node node = compileNode(element);
                dynamic |= !(node instanceof Constant);
                elements.add(node);
            }
            return dynamic ? new ArrayTemplate(List.copyOf(elements)) : new Constant(template);
        }
        return new Constant(template);
    }

    private static Field compileField(String name, JsonNode value) {
        if (!name.endsWith(DOLLAR)) {
            return new Field(name, compileNode(value));
        }
        String outputName = name.substring(0, name.length() - DOLLAR.length());
        if (!value.isTextual()) {
            throw invalidValue(name, null);
        }
        String text = value.textValue();
        try {
            if (text.startsWith("$")) {
                return new Field(outputName, new PathValue(JsonPath.compile(text), name));
            }
            if (IntrinsicFunctions.isCall(text)) {
                return new Field(outputName, new CallValue(IntrinsicFunctions.parse(text)));
            }
        } catch (PathSyntaxException e) {
            throw invalidValue(name, e.getMessage());
        }
        throw invalidValue(name, null);
    }

    /** AWS's definition-time message: SCHEMA_VALIDATION_FAILED with this text. */
    private static PathSyntaxException invalidValue(String fieldName, String detail) {
        String message = "The value for the field '" + fieldName + "' must be a valid JSONPath or a valid intrinsic function call";
        return new PathSyntaxException(detail == null ? message : message + " (" + detail + ")");
    }

    /** A compiled part of the template. */
    private sealed interface Node {
        JsonNode evaluate(Bindings bindings);
    }

    private record Field(String name, Node value) {
    }

    /** A part without {@code .$} fields, shared as it is. */
    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(Bindings bindings) {
            return value;
        }
    }

    private record ObjectTemplate(List<Field> fields) implements Node {
        @Override
        public JsonNode evaluate(Bindings bindings) {
            ObjectNode out = Json.object();
            for (Field field : fields) {
                out.set(field.name(), field.value().evaluate(bindings));
            }
            return out;
        }
    }

    private record ArrayTemplate(List<Node> elements) implements Node {
        @Override
        public JsonNode evaluate(Bindings bindings) {
            ArrayNode out = Json.NODES.arrayNode(elements.size());
            for (Node element : elements) {
                out.add(element.evaluate(bindings));
            }
            return out;
        }
    }

    /**
     * {@code "name.$": "$.path"}. A definite path that matches nothing fails the state with
     * States.Runtime and AWS's cause, as an execution on AWS records it: "The JSONPath
     * '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'"
     * (re:Post and public execution histories). An indefinite path that matches nothing gives [].
     * A null input fails any input path, even {@code $}: AWS reports "Unable to apply Path
     * transformation to null or empty input." for {@code "Input.$": "$"} on a null input.
     */
    private record PathValue(JsonPath path, String fieldName) implements Node {
        @Override
        public JsonNode evaluate(Bindings bindings) {
            JsonNode input = bindings.input();
            if (!path.isContextPath() && path.variableName() == null && (input == null || input.isNull() || input.isMissingNode())) {
                throw new StatesFailure(StatesError.RUNTIME, "Unable to apply Path transformation to null or empty input.");
            }
            return path.read(bindings).orElseThrow(() -> new StatesFailure(StatesError.RUNTIME,
                    "The JSONPath '" + path.expression() + "' specified for the field '" + fieldName
                            + "' could not be found in the input '" + Json.write(bindings.input()) + "'"));
        }
    }

    private record CallValue(IntrinsicFunctions.IntrinsicCall call) implements Node {
        @Override
        public JsonNode evaluate(Bindings bindings) {
            return call.evaluate(bindings);
        }
    }
}
