package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.path.Bindings;
import java.util.List;

/** One {@code States.*} function: its name, its arity, and what it computes from argument values. */
interface IntrinsicFunction {

    String name();

    Arity arity();

    /**
     * The result for already evaluated arguments (as many as {@link #arity()} allows).
     *
     * @throws IntrinsicError when the arguments are not what the function accepts
     */
    JsonNode apply(JsonNode[] arguments, Bindings bindings);

    /** Lets a function prepare work from its parsed arguments once, at parse time. */
    default IntrinsicFunction bind(List<Argument> arguments) {
        return this;
    }
}
