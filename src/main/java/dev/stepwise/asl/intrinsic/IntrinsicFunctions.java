package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.path.Bindings;

/** Parses intrinsic function calls such as {@code States.Format('{}', $.name)}. */
public final class IntrinsicFunctions {

    private IntrinsicFunctions() {
    }

    /** True when a {@code .$} value is meant as a function call rather than a path. */
    public static boolean isCall(String text) {
        throw new UnsupportedOperationException("IntrinsicFunctions.isCall");
    }

    /** @throws dev.stepwise.asl.path.PathSyntaxException on bad syntax, unknown function or bad arity */
    public static IntrinsicCall parse(String text) {
        throw new UnsupportedOperationException("IntrinsicFunctions.parse");
    }

    /** A parsed call, ready to evaluate many times. */
    public interface IntrinsicCall {
        /** @throws dev.stepwise.asl.StatesFailure States.IntrinsicFailure (or a path error) */
        JsonNode evaluate(Bindings bindings);
    }
}
