package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.JsonPath;

/** One parsed argument of an intrinsic call: a literal, a path, or a nested call. */
sealed interface Argument permits Argument.Literal, Argument.PathArgument, FunctionCall {

    JsonNode evaluate(Bindings bindings);

    /**
     * A literal value. For a quoted string, {@code raw} is the text between the quotes with its
     * escapes kept, because States.Format must tell an escaped {@code \{} from a placeholder.
     */
    record Literal(JsonNode value, String raw) implements Argument {
        @Override
        public JsonNode evaluate(Bindings bindings) {
            return value;
        }
    }

    /** A {@code $} or {@code $$} path, compiled once; matching nothing fails the call. */
    record PathArgument(JsonPath path, String text) implements Argument {
        @Override
        public JsonNode evaluate(Bindings bindings) {
            return path.read(bindings).orElseThrow(() -> IntrinsicError.pathNotFound(text, bindings.input()));
        }
    }
}
