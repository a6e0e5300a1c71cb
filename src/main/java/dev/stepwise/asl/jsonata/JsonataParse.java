package dev.stepwise.asl.jsonata;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.stepwise.asl.Json;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * $parse(jsonString): "deserialize JSON strings", AWS's replacement for the $eval it removes.
 * Text AWS's parser refuses (trailing content, a repeated key, an empty string) is D3137.
 */
final class JsonataParse implements AwsFunction {
    static final String NAME = "parse";
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxArguments() {
        return 1;
    }

    @Override
    public Object call(List<Object> arguments, RandomGenerator random) {
        Object argument = AwsFunction.argument(arguments, 0);
        if (argument == null) {
            return null;
        }
        if (!(argument instanceof String text)) {
            throw AwsFunction.signatureMismatch(NAME, 1);
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new FunctionError(INVALID_JSON);
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw new FunctionError(INVALID_JSON);
        }
        return JsonataValues.toJsonata(parsed);
    }

    static final String INVALID_JSON = "D3137: Invalid JSON";
}
