package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimitExceeded;
import dev.stepwise.asl.EvaluationLimits;
import dev.stepwise.asl.JsonSize;
import dev.stepwise.asl.path.Bindings;

/** A parsed {@code States.Name(...)} call, top-level or nested as another call's argument. */
final class FunctionCall implements Argument {
    private final IntrinsicFunction function;
    private final Argument[] arguments;

    FunctionCall(IntrinsicFunction function, Argument[] arguments) {
        this.function = function;
        this.arguments = arguments;
    }

    /**
     * Calls nest and repeat their arguments ({@code States.Array($.big, $.big, ...)} inside another
     * such call), so each result is checked against the payload limit before anything uses it.
     */
    @Override
    public JsonNode evaluate(Bindings bindings) {
        JsonNode[] values = new JsonNode[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].evaluate(bindings);
        }
        EvaluationBudget budget = EvaluationBudget.current();
        budget.checkTime();
        JsonNode result = function.apply(values, bindings);
        long limit = budget.limits().payloadBytes();
        if (JsonSize.exceeds(result, limit)) {
            throw EvaluationLimitExceeded.tooLarge("the intrinsic function " + function.name(), limit);
        }
        if (JsonSize.nestsDeeperThan(result, EvaluationLimits.MAX_NESTING_DEPTH)) {
            throw EvaluationLimitExceeded.tooDeep("the intrinsic function " + function.name());
        }
        return result;
    }

    IntrinsicFunction function() {
        return function;
    }
}
