package dev.stepwise.asl.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.Bindings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * And, Or and Not. The States Language: the interpreter processes And/Or elements "in order,
 * performing the boolean evaluations in the expected fashion, ceasing array processing when the
 * boolean value has been unambiguously determined"; Not "returns the inverse".
 */
class BooleanExpressionTest {
    private static final Bindings ANY = Bindings.ofInput(Json.object());
    private static final ChoiceRule TRUE = bindings -> true;
    private static final ChoiceRule FALSE = bindings -> false;
    private static final ChoiceRule FAILING = bindings -> {
        throw new StatesFailure(StatesError.RUNTIME, "evaluated");
    };

    @Test
    void andIsTrueOnlyWhenEveryRuleIs() {
        assertTrue(new And(List.of(TRUE, TRUE)).matches(ANY));
        assertFalse(new And(List.of(TRUE, FALSE)).matches(ANY));
        assertFalse(new And(List.of(FALSE, TRUE)).matches(ANY));
    }

    @Test
    void orIsTrueWhenAnyRuleIs() {
        assertTrue(new Or(List.of(FALSE, TRUE)).matches(ANY));
        assertTrue(new Or(List.of(TRUE, FALSE)).matches(ANY));
        assertFalse(new Or(List.of(FALSE, FALSE)).matches(ANY));
    }

    @Test
    void notInvertsItsRule() {
        assertFalse(new Not(TRUE).matches(ANY));
        assertTrue(new Not(FALSE).matches(ANY));
        assertTrue(new Not(new Not(TRUE)).matches(ANY));
    }

    @Test
    void andStopsAtTheFirstFalseRuleSoALaterFailureIsNotRaised() {
        assertFalse(new And(List.of(FALSE, FAILING)).matches(ANY));
        assertThrows(StatesFailure.class, () -> new And(List.of(TRUE, FAILING)).matches(ANY));
    }

    @Test
    void orStopsAtTheFirstTrueRuleSoALaterFailureIsNotRaised() {
        assertTrue(new Or(List.of(TRUE, FAILING)).matches(ANY));
        assertThrows(StatesFailure.class, () -> new Or(List.of(FALSE, FAILING)).matches(ANY));
    }

    @Test
    void notDoesNotTurnAFailureIntoAMatch() {
        StatesFailure failure = assertThrows(StatesFailure.class, () -> new Not(FAILING).matches(ANY));
        assertEquals("States.Runtime", failure.error());
    }

    @Test
    void nestedExpressionsCombine() {
        ChoiceRule rule = new Or(List.of(new And(List.of(TRUE, new Not(TRUE))), new Not(new Or(List.of(FALSE)))));
        assertTrue(rule.matches(ANY));
    }

    @Test
    void andAndOrRejectAnEmptyList() {
        assertThrows(IllegalArgumentException.class, () -> new And(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Or(List.of()));
    }
}
