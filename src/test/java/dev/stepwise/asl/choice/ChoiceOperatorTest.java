package dev.stepwise.asl.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.StatesFailure;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each operator on values directly, against the fixture cases taken from AWS recordings and the States Language. */
class ChoiceOperatorTest {
    private static final Map<String, ComparisonOperator> COMPARISONS = Map.ofEntries(
            Map.entry("StringEquals", new StringEquals()),
            Map.entry("StringLessThan", new StringLessThan()),
            Map.entry("StringGreaterThan", new StringGreaterThan()),
            Map.entry("StringLessThanEquals", new StringLessThanEquals()),
            Map.entry("StringGreaterThanEquals", new StringGreaterThanEquals()),
            Map.entry("StringMatches", new StringMatches()),
            Map.entry("NumericEquals", new NumericEquals()),
            Map.entry("NumericLessThan", new NumericLessThan()),
            Map.entry("NumericGreaterThan", new NumericGreaterThan()),
            Map.entry("NumericLessThanEquals", new NumericLessThanEquals()),
            Map.entry("NumericGreaterThanEquals", new NumericGreaterThanEquals()),
            Map.entry("BooleanEquals", new BooleanEquals()),
            Map.entry("TimestampEquals", new TimestampEquals()),
            Map.entry("TimestampLessThan", new TimestampLessThan()),
            Map.entry("TimestampGreaterThan", new TimestampGreaterThan()),
            Map.entry("TimestampLessThanEquals", new TimestampLessThanEquals()),
            Map.entry("TimestampGreaterThanEquals", new TimestampGreaterThanEquals()));
    private static final Map<String, TypeTest> TYPE_TESTS = Map.of(
            "IsNull", new IsNull(), "IsPresent", new IsPresent(), "IsNumeric", new IsNumeric(),
            "IsString", new IsString(), "IsBoolean", new IsBoolean(), "IsTimestamp", new IsTimestamp());

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stepwise.asl.choice.ChoiceFixtures#cases")
    void operatorAnswersAsAwsDoes(ChoiceFixtures.Case c) {
        if (TYPE_TESTS.containsKey(c.operator())) {
            TypeTest test = TYPE_TESTS.get(c.operator());
            assertEquals(c.matches().booleanValue(), test.test(c.variable()) == c.value().booleanValue());
            return;
        }
        ComparisonOperator operator = COMPARISONS.get(c.operator());
        if (c.error() != null) {
            StatesFailure failure = assertThrows(StatesFailure.class, () -> operator.test(c.variable(), c.value()));
            assertEquals(c.error(), failure.error());
            return;
        }
        assertEquals(c.matches().booleanValue(), operator.test(c.variable(), c.value()));
        if (c.pathOnly()) {
            assertFalse(operator.acceptsLiteral(c.value()), "a definition cannot hold this operand as a literal");
        } else {
            assertTrue(operator.acceptsLiteral(c.value()), "a definition can hold this operand as a literal");
        }
    }
}
