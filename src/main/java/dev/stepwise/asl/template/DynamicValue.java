package dev.stepwise.asl.template;

import dev.stepwise.asl.path.Bindings;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.asl.path.PathSyntaxException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.intrinsic.IntrinsicFunctions;

/**
 * A field whose value is either a path or an intrinsic function call, such as a Fail state's
 * ErrorPath and CausePath ("a reference path or an intrinsic function").
 */
public final class DynamicValue {
    private final String text;
    private final JsonPath path;
    private final IntrinsicFunctions.IntrinsicCall call;

    private DynamicValue(String text, JsonPath path, IntrinsicFunctions.IntrinsicCall call) {
        this.text = text;
        this.path = path;
        this.call = call;
    }

    /** @throws PathSyntaxException when the text is neither a path nor a valid intrinsic call */
    public static DynamicValue compile(String text) {
        if (IntrinsicFunctions.isCall(text)) {
            return new DynamicValue(text, null, IntrinsicFunctions.parse(text));
        }
        return new DynamicValue(text, JsonPath.compile(text), null);
    }

    public String text() {
        return text;
    }

    /** @throws dev.stepwise.asl.StatesFailure when the path selects nothing or the call fails */
    public JsonNode evaluate(Bindings bindings) {
        return path != null ? path.readRequired(bindings) : call.evaluate(bindings);
    }
}
