package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.path.Bindings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** States.Base64Encode: the MIME Base64 encoding of the string's UTF-8 bytes. */
final class StatesBase64Encode implements IntrinsicFunction {
    static final String NAME = "States.Base64Encode";
    /** "This function takes a data string of up to 10,000 characters to encode" (AWS docs). */
    static final int MAX_CHARACTERS = 10_000;

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
        String data = ArgumentValues.text(arguments[0], NAME);
        if (data.length() > MAX_CHARACTERS) {
            throw IntrinsicError.invalidArguments(NAME);
        }
        return Json.NODES.textNode(Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
    }
}
