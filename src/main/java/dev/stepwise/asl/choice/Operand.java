package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.path.Bindings;

/** What a comparison compares the Variable with: a literal of the definition, or a path's value (the {@code ...Path} operators). */
public sealed interface Operand permits Operand.Literal, Operand.Reference {

    /** @throws dev.stepwise.asl.StatesFailure States.Runtime when a referenced path matches nothing */
    JsonNode resolve(Bindings bindings);

    record Literal(JsonNode value) implements Operand {
        @Override
        public JsonNode resolve(Bindings bindings) {
            return value;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    record Reference(ConditionPath path) implements Operand {
        @Override
        public JsonNode resolve(Bindings bindings) {
            return path.read(bindings);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }
}
