package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The engine decides one step at a time and never reads a clock or random source of its own. */
class EngineTest {
    private final Engine engine = new Engine(EngineOptions.defaults());
    private final Instant now = Instant.parse("2024-05-01T10:00:00Z");

    private static StateMachine machine(String json) {
        return new StateMachineParser().parse(json);
    }

    private StepResult step(StateMachine machine, Step step, long seed) {
        return engine.step(machine, FixtureExecution.info(Json.object()), step, now, 2, new SplittableRandom(seed));
    }

    @Test
    void theSameStepTimeAndRandomSourceGiveTheSameResult() {
        StateMachine m = machine("""
                {"StartAt": "Id", "States": {"Id": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()", "at.$": "$$.State.EnteredTime"}, "End": true}}}""");
        Step enter = new Step.Enter(Frame.ROOT, "Id", Json.object());
        assertEquals(step(m, enter, 5), step(m, enter, 5));
        Outcome.FrameSucceeded done = (Outcome.FrameSucceeded) step(m, enter, 5).outcome();
        assertEquals("2024-05-01T10:00:00.000Z", done.output().get("at").asText());
        assertFalse(step(m, enter, 5).equals(step(m, enter, 6)), "a different random source gives another UUID");
    }

    @Test
    void aTransitionIsDecidedNotPerformed() {
        StateMachine m = machine("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x": 1}, "Next": "B"}, "B": {"Type": "Succeed"}}}""");
        StepResult result = step(m, new Step.Enter(Frame.ROOT, "A", Json.object()), 1);
        assertEquals(new Outcome.Continue(new Step.Enter(Frame.ROOT, "B", Json.parse("{\"x\":1}"))), result.outcome());
        assertEquals(List.of(EventType.PassStateEntered, EventType.PassStateExited),
                result.events().stream().map(HistoryEvent::type).toList());
    }

    @Test
    void aTaskAsksTheRuntimeAndResumesWithTheResult() {
        StateMachine m = machine("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"value.$": "$.Payload"},
                 "ResultPath": "$.result", "TimeoutSeconds": 30, "End": true}}}""");
        JsonNode input = Json.parse("{\"n\": 1}");
        Outcome.RunTask task = assertInstanceOf(Outcome.RunTask.class, step(m, new Step.Enter(Frame.ROOT, "Call", input), 1).outcome());
        assertEquals(Json.parse("{\"FunctionName\":\"f\",\"Payload\":{\"n\":1}}"), task.request().parameters());
        assertEquals(30, task.request().timeoutSeconds());
        Step resumed = task.then().with(new Resumption.TaskSucceeded(Json.parse("{\"Payload\": 42, \"StatusCode\": 200}")));
        StepResult result = step(m, resumed, 1);
        assertEquals(new Outcome.FrameSucceeded(Json.parse("{\"n\":1,\"result\":{\"value\":42}}")), result.outcome());
        assertEquals(List.of(EventType.TaskStarted, EventType.TaskSucceeded, EventType.TaskStateExited, EventType.ExecutionSucceeded),
                result.events().stream().map(HistoryEvent::type).toList());
    }

    @Test
    void causesQuoteTheEventIdTheRuntimeWillGiveTheStateEnteredEvent() {
        StateMachine m = machine("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.missing", "End": true}}}""");
        StepResult result = engine.step(m, FixtureExecution.info(Json.object()), new Step.Enter(Frame.ROOT, "P", Json.object()),
                now, 17, new SplittableRandom(1));
        Outcome.FrameFailed failed = assertInstanceOf(Outcome.FrameFailed.class, result.outcome());
        assertEquals("States.Runtime", failed.error());
        assertTrue(failed.cause().startsWith("An error occurred while executing the state 'P' (entered at the event id #17). "), failed.cause());
    }

    @Test
    void aRetryIsASleepThenTheSameStateAgain() {
        StateMachine m = machine("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                 "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3}], "End": true}}}""");
        Outcome.RunTask task = (Outcome.RunTask) step(m, new Step.Enter(Frame.ROOT, "T", Json.object()), 1).outcome();
        Outcome.Sleep sleep = assertInstanceOf(Outcome.Sleep.class,
                step(m, task.then().with(new Resumption.TaskFailed("Boom", "x")), 1).outcome());
        assertEquals(now.plusSeconds(2), sleep.until());
        Step.Resume retry = (Step.Resume) sleep.next();
        assertEquals(1, retry.visit().retryCount());
        Outcome.RunTask second = assertInstanceOf(Outcome.RunTask.class, step(m, retry, 1).outcome());
        assertEquals(1, second.request().attempt());
    }

    @Test
    void aWaitStatesExitedEventListsWhatItsAssignSet() {
        StateMachine m = machine("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "Assign": {"slept": 5}, "End": true}}}""");
        Outcome.Sleep sleep = assertInstanceOf(Outcome.Sleep.class, step(m, new Step.Enter(Frame.ROOT, "W", Json.object()), 1).outcome());
        StepResult woke = step(m, sleep.next(), 1);
        EventDetails.StateExited exited = (EventDetails.StateExited) woke.events().get(0).details();
        assertEquals(Json.parse("{\"slept\":5}"), exited.assignedVariables());
    }

    @Test
    void aFailedParallelBranchStopsItsSiblings() {
        StateMachine m = machine("""
                {"StartAt": "Fan", "States": {"Fan": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Fail", "States": {"Fail": {"Type": "Fail", "Error": "Broken", "Cause": "branch 0"}}},
                  {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 60, "Next": "Never"},
                                                 "Never": {"Type": "Pass", "End": true}}}]}}}""");
        InMemoryRunner.CollectingSink history = new InMemoryRunner.CollectingSink();
        InMemoryRunner.Result result = new InMemoryRunner(engine, r -> null)
                .run(m, FixtureExecution.info(Json.object()), history, new SplittableRandom(1));
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("Broken", result.error());
        assertEquals("branch 0", result.cause());
        assertTrue(history.events().stream().noneMatch(e -> e.type() == EventType.PassStateEntered), "the sibling was stopped");
    }
}
