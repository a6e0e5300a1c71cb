/**
 * The Choice Rules of a JSONPath Choice state, built once by {@link dev.stepwise.asl.choice.ChoiceRules#parse}
 * and evaluated per execution by {@link dev.stepwise.asl.choice.ChoiceRule#matches}.
 *
 * <p>A rule is a Boolean expression ({@link dev.stepwise.asl.choice.And}, {@link dev.stepwise.asl.choice.Or},
 * {@link dev.stepwise.asl.choice.Not}) or a data test on a Variable: a {@link dev.stepwise.asl.choice.Comparison}
 * with one operator class per AWS operator (its {@code ...Path} form takes the operand from another path) or a
 * {@link dev.stepwise.asl.choice.TypeCheck} with one of the Is* operators.
 *
 * <p>As AWS evaluates them: a value of the wrong type makes a comparison false; a Variable or operand path that
 * matches nothing fails the execution with States.Runtime, "Invalid path '$.x': The choice state's condition
 * path references an invalid value." (the engine prefixes "An error occurred while executing the state ..."),
 * except for IsPresent; And and Or stop as soon as their value is known.
 */
package dev.stepwise.asl.choice;
