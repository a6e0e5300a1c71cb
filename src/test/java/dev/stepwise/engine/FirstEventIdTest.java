package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A runtime that learns how many event ids a step needs only by evaluating it evaluates with a
 * provisional first id, reserves the ids, and renumbers the result; only a result whose cause
 * quotes "entered at the event id #N" must be evaluated again.
 */
class FirstEventIdTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final long PROVISIONAL = 1;
    private static final long RESERVED = 40;
    private final Engine engine = new Engine(EngineOptions.defaults());

    private static StateMachine machine(String json) {
        return new StateMachineParser().parse(json);
    }

    private StepResult step(StateMachine machine, Step step, long firstEventId) {
        return engine.step(machine, FixtureExecution.info(Json.object()), step, NOW, firstEventId, new SplittableRandom(7));
    }

    private static Step enter(String state, String input) {
        return new Step.Enter(Frame.ROOT, state, Json.parse(input));
    }

    /** Renumbering the provisional result gives exactly what evaluating with the reserved id gives. */
    private void assertRenumberingEqualsEvaluatingAgain(StateMachine machine, Step step) {
        StepResult provisional = step(machine, step, PROVISIONAL);
        assertEquals(step(machine, step, RESERVED), provisional.renumbered(RESERVED));
    }

    @Test
    void aPassStateThatMovesOnDoesNotDependOnItsFirstEventId() {
        StateMachine m = machine("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}""");
        StepResult result = step(m, enter("A", "{}"), PROVISIONAL);
        assertEquals(StepResult.EventIdUse.NONE, result.eventIdUse());
        assertFalse(result.usesFirstEventId());
        assertRenumberingEqualsEvaluatingAgain(m, enter("A", "{}"));
    }

    @Test
    void aTaskRemembersItsEnteredEventIdAndRenumberingShiftsIt() {
        StateMachine m = machine("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""");
        StepResult result = step(m, enter("Call", "{}"), PROVISIONAL);
        assertEquals(StepResult.EventIdUse.ENTERED_STATE, result.eventIdUse());
        assertTrue(result.usesFirstEventId());
        assertEquals(RESERVED, ((Outcome.RunTask) result.renumbered(RESERVED).outcome()).then().visit().enteredEventId());
        assertRenumberingEqualsEvaluatingAgain(m, enter("Call", "{}"));
    }

    @Test
    void aWaitStateAndAFanOutAreRenumberedLikeATask() {
        StateMachine m = machine("""
                {"StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": 5, "Next": "P"},
                  "P": {"Type": "Parallel", "End": true,
                        "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}]}}}""");
        assertEquals(StepResult.EventIdUse.ENTERED_STATE, step(m, enter("W", "{}"), PROVISIONAL).eventIdUse());
        assertEquals(StepResult.EventIdUse.ENTERED_STATE, step(m, enter("P", "{}"), PROVISIONAL).eventIdUse());
        assertRenumberingEqualsEvaluatingAgain(m, enter("W", "{}"));
        assertRenumberingEqualsEvaluatingAgain(m, enter("P", "{}"));
    }

    @Test
    void aMapItemEntersItsFirstStateAfterMapIterationStarted() {
        StateMachine m = machine("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}""");
        Step item = new Step.StartBranch(Frame.ROOT.child("M", 0), Json.parse("{\"n\": 1}"));
        StepResult result = step(m, item, PROVISIONAL);
        assertEquals(PROVISIONAL + 1, ((Outcome.RunTask) result.outcome()).then().visit().enteredEventId());
        assertRenumberingEqualsEvaluatingAgain(m, item);
    }

    @Test
    void aCauseThatQuotesTheEnteredEventIdMustBeEvaluatedAgain() {
        StateMachine m = machine("""
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Arguments": {"n": "{% 'a' + 1 %}"}, "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}]}, "Done": {"Type": "Succeed"}}}""");
        StepResult result = step(m, enter("P", "{}"), PROVISIONAL);
        assertEquals(StepResult.EventIdUse.QUOTED, result.eventIdUse());
        JsonNode caught = ((Step.Enter) ((Outcome.Continue) result.outcome()).next()).input();
        assertTrue(caught.get("Cause").asText().contains("(entered at the event id #" + PROVISIONAL + ")"), caught.toString());
        assertThrows(IllegalStateException.class, () -> result.renumbered(RESERVED));
        assertSame(result, result.renumbered(PROVISIONAL), "the same id needs no second evaluation");
    }

    @Test
    void aCauseQuotingTheIdOfAStateEnteredInAnEarlierStepDoesNotDependOnThisStepsId() {
        StateMachine m = machine("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "ResultSelector": {"v.$": "$.missing"}, "End": true}}}""");
        Step.Resume entered = ((Outcome.RunTask) step(m, enter("Call", "{}"), 2).outcome()).then();
        Step resumed = entered.with(new Resumption.TaskSucceeded(Json.object()));
        StepResult result = step(m, resumed, PROVISIONAL);
        Outcome.FrameFailed failed = (Outcome.FrameFailed) result.outcome();
        assertTrue(failed.cause().contains("(entered at the event id #2)"), failed.cause());
        assertEquals(StepResult.EventIdUse.NONE, result.eventIdUse());
        assertRenumberingEqualsEvaluatingAgain(m, resumed);
    }

    @Test
    void aRetryOfAStateEnteredInAnEarlierStepDoesNotDependOnThisStepsId() {
        StateMachine m = machine("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}]}}}""");
        Step.Resume entered = ((Outcome.RunTask) step(m, enter("Call", "{}"), 2).outcome()).then();
        StepResult result = step(m, entered.with(new Resumption.TaskFailed("Boom", "it broke")), PROVISIONAL);
        assertEquals(StepResult.EventIdUse.NONE, result.eventIdUse());
        assertEquals(2, ((Step.Resume) ((Outcome.Sleep) result.outcome()).next()).visit().enteredEventId());
    }

    @Test
    void theExecutionStartIsAlwaysEventOne() {
        StateMachine m = machine("""
                {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}""");
        StepResult started = engine.start(m, FixtureExecution.info(Json.object()));
        assertEquals(1, started.firstEventId());
        assertEquals(StepResult.EventIdUse.NONE, started.eventIdUse());
    }
}
