package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;

/** States.StringToJson: the JSON value the string holds. */
final class StatesStringToJson implements IntrinsicFunction {
    static final String NAME = "States.StringToJson";
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Arity arity() {
        return Arity.exactly(1);
    }

    @Override
    public JsonNode apply(JsonNode[] arguments, Bindings bindings) {
        String text = ArgumentValues.text(arguments[0], NAME);
        // Recorded on AWS (LocalStack test_string_to_json snapshot, and the AWS-run conformance
        // suite): an empty or blank string gives null rather than a failure.
        if (text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            JsonNode parsed = STRICT.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw IntrinsicError.invalidArguments(NAME);
            }
            return parsed;
        } catch (JsonProcessingException notJson) {
            throw IntrinsicError.invalidArguments(NAME);
        }
    }
}
