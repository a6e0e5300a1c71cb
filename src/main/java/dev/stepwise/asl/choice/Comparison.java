package dev.stepwise.asl.choice;

import dev.stepwise.asl.path.Bindings;
import java.util.Objects;

/**
 * A data-test rule with a binary operator, e.g. {@code {"Variable": "$.value", "NumericLessThan": 30}}
 * or its {@code NumericLessThanPath} form whose operand is another path.
 */
public record Comparison(ConditionPath variable, ComparisonOperator operator, Operand operand)
        implements ChoiceRule {

    public Comparison {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operand, "operand");
    }

    /** @throws dev.stepwise.asl.StatesFailure States.Runtime when the Variable or an operand path matches nothing */
    @Override
    public boolean matches(Bindings bindings) {
        return operator.test(variable.read(bindings), operand.resolve(bindings));
    }

    @Override
    public String toString() {
        return operator.getClass().getSimpleName() + (operand instanceof Operand.Reference ? "Path" : "")
                + "(" + variable + ", " + operand + ")";
    }
}
