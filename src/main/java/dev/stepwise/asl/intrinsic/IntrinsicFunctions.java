package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.path.Bindings;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Parses intrinsic function calls such as {@code States.Format('{}', $.name)}. */
public final class IntrinsicFunctions {

    private static final Map<String, IntrinsicFunction> FUNCTIONS = Map.ofEntries(
            Map.entry(StatesFormat.NAME, new StatesFormat()),
            Map.entry(StatesStringToJson.NAME, new StatesStringToJson()),
            Map.entry(StatesJsonToString.NAME, new StatesJsonToString()),
            Map.entry(StatesArray.NAME, new StatesArray()),
            Map.entry(StatesArrayPartition.NAME, new StatesArrayPartition()),
            Map.entry(StatesArrayContains.NAME, new StatesArrayContains()),
            Map.entry(StatesArrayRange.NAME, new StatesArrayRange()),
            Map.entry(StatesArrayGetItem.NAME, new StatesArrayGetItem()),
            Map.entry(StatesArrayLength.NAME, new StatesArrayLength()),
            Map.entry(StatesArrayUnique.NAME, new StatesArrayUnique()),
            Map.entry(StatesBase64Encode.NAME, new StatesBase64Encode()),
            Map.entry(StatesBase64Decode.NAME, new StatesBase64Decode()),
            Map.entry(StatesHash.NAME, new StatesHash()),
            Map.entry(StatesJsonMerge.NAME, new StatesJsonMerge()),
            Map.entry(StatesMathRandom.NAME, new StatesMathRandom()),
            Map.entry(StatesMathAdd.NAME, new StatesMathAdd()),
            Map.entry(StatesStringSplit.NAME, new StatesStringSplit()),
            Map.entry(StatesUUID.NAME, new StatesUUID()));

    private IntrinsicFunctions() {
    }

    /** True when a {@code .$} value is meant as a function call rather than a path. */
    public static boolean isCall(String text) {
        return text != null && text.startsWith(IntrinsicParser.PREFIX);
    }

    /** @throws dev.stepwise.asl.path.PathSyntaxException on bad syntax, unknown function or bad arity */
    public static IntrinsicCall parse(String text) {
        return new TopLevelCall(text, new IntrinsicParser(text, FUNCTIONS).parse());
    }

    /** The names of all intrinsic functions, sorted: what a lookup miss expected. */
    public static Set<String> functionNames() {
        return new TreeSet<>(FUNCTIONS.keySet());
    }

    /** A parsed call, ready to evaluate many times. */
    public interface IntrinsicCall {
        /**
         * @throws dev.stepwise.asl.StatesFailure States.Runtime, the error AWS reports for a failing
         *     intrinsic (an invalid argument, or a path argument that matches nothing); its cause is
         *     "The function '&lt;call&gt;' had the following error: ...". The state prefix AWS adds
         *     ("An error occurred while executing the state ...") is the engine's to add.
         */
        JsonNode evaluate(Bindings bindings);
    }

    /** The outermost call: its failures name the whole expression as written, as AWS's causes do. */
    private record TopLevelCall(String text, FunctionCall call) implements IntrinsicCall {
        @Override
        public JsonNode evaluate(Bindings bindings) {
            return EvaluationBudget.within(() -> {
                try {
                    return call.evaluate(bindings);
                } catch (IntrinsicError e) {
                    throw e.toFailure(text);
                }
            });
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
