package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.MapRun;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.store.CounterState;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ItemBodies;
import dev.stepwise.store.RunCounters;
import dev.stepwise.store.RunRecord;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.TableLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redrive on the durable runtime, below the API: the old run stays inert when its messages come
 * back, event ids stay unique, and the conditions the API reference lists for RedriveExecution.
 */
class DurableRedriveTest {
    private static final String FLAKY =
            "{% $states.context.Execution.RedriveCount = 0 ? $error('not yet') : $states.context.Execution.RedriveCount %}";
    private static LocalRuntime local;

    @BeforeAll
    static void start() {
        SharedEmulators.assumeLanguageLayer();
        local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("redrive")).options(RuntimeOptions.defaults().withHistoryLimit(40))
                .tasks(TestTasks.INSTANCE).start();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    private static String run(String definition) {
        String machine = local.runtime().createStateMachine("m" + System.nanoTime(), definition, "arn:aws:iam::123456789012:role/test");
        return local.runtime().startExecution(machine, "e" + System.nanoTime(), Json.parse("{}"));
    }

    @Test
    void aMapRunStartDeliveredAgainDoesNotRedriveAChildThatFailedInTheSameRun() throws Exception {
        String machine = local.runtime().createStateMachine("m" + System.nanoTime(), """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ToleratedFailureCount": 1, "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "C", "States": {
                      "C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 1, "Next": "Bad"}], "Default": "Hold"},
                      "Bad": {"Type": "Fail", "Error": "ItemError"},
                      "Hold": {"Type": "Wait", "Seconds": 30, "End": true}}}}}}""", "arn:aws:iam::123456789012:role/test");
        String parent = local.runtime().startExecution(machine, "e" + System.nanoTime(), Json.parse("[1, 2]"));
        // The failed child's end is counted in its chunk; the other child holds the run open.
        java.util.function.Supplier<String> mapRun = () -> local.runtime().store().steps().history(parent)
                .findValues("mapRunArn").stream().findFirst().map(JsonNode::asText).orElse(null);
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (mapRun.get() == null && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        String mapRunArn = mapRun.get();
        RunCounters.Key chunk = MapRunCounts.chunk(mapRunArn, 0, 0);
        java.util.function.Supplier<java.util.Set<Long>> counted = () -> local.runtime().store().counters().read(chunk)
                .map(CounterState::counted).orElse(java.util.Set.of());
        while (counted.get().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        long slot = counted.get().iterator().next();
        String childArn = MapRun.childArn(mapRunArn, MapRun.childName(mapRunArn, slot));
        RunRecord record = ItemBodies.runRecord(local.runtime().store().steps().item(mapRunArn, TableLayout.MAP_RUN).orElseThrow().body());
        // A crash between the child's end and its count: the chunk has not counted it, and its start comes again.
        local.runtime().store().steps().delete(chunk.pk(), chunk.sk());
        local.runtime().process(new StepMessage(parent, StepKeys.runStarts(record.joinKey(), 0, 0, 2)), 2);

        ExecutionHeader child = local.runtime().store().headers().header(childArn).orElseThrow();
        assertEquals(ExecutionStatus.FAILED, child.status(), "the failure stands");
        assertEquals(0, child.redriveCount(), "a child is redriven only after its parent is");
        assertTrue(counted.get().contains(slot), "its end is counted in its run");
        local.runtime().stopExecution(parent, null, null);
    }

    @Test
    void theOldRunsMessagesReplayedByARecoveryChangeNothingAfterARedrive() throws Exception {
        String arn = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Fan", "States": {
                  "Fan": {"Type": "Parallel", "Next": "Hold", "Branches": [
                    {"StartAt": "Steady", "States": {"Steady": {"Type": "Pass", "Output": "steady", "End": true}}},
                    {"StartAt": "Flaky", "States": {"Flaky": {"Type": "Pass", "Output": "%s", "End": true}}}]},
                  "Hold": {"Type": "Wait", "Seconds": 1, "End": true}}}""".replace("%s", FLAKY));
        assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn, Duration.ofSeconds(30)).status());

        Redrive.Result redriven = local.runtime().redriveExecution(arn, null).orElseThrow();
        assertEquals(1, redriven.redriveCount());
        // A killed runner's recovery re-sends a message for every item the old run left.
        local.runtime().resumeRunning();
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));

        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
        assertEquals(Json.parse("[\"steady\", 1]"), end.output());
        assertNull(end.error());
        assertEquals(1, end.redriveCount());
        DurableFaultsTest.assertUniqueIncreasingIds(local, arn);
        List<String> types = new ArrayList<>();
        for (JsonNode event : local.runtime().store().steps().history(arn)) {
            types.add(event.get("type").asText());
        }
        assertEquals(1, types.stream().filter("ExecutionFailed"::equals).count(), types.toString());
        assertEquals(1, types.stream().filter("ExecutionRedriven"::equals).count(), types.toString());
        assertEquals("ExecutionSucceeded", types.get(types.size() - 1), types.toString());
        assertTrue(types.indexOf("ExecutionFailed") < types.indexOf("ExecutionRedriven"));
    }

    @Test
    void aTimedOutExecutionRedrivenGetsItsTimeoutAgainFromTheRedriveAndSeesItsRedriveTime() throws Exception {
        String arn = run("""
                {"QueryLanguage": "JSONata", "TimeoutSeconds": 2, "StartAt": "Hold", "States": {
                  "Hold": {"Type": "Wait", "Seconds": "{% $states.context.Execution.RedriveCount = 0 ? 30 : 0 %}", "Next": "Show"},
                  "Show": {"Type": "Pass", "End": true, "Output": {
                    "count": "{% $states.context.Execution.RedriveCount %}",
                    "time": "{% $states.context.Execution.RedriveTime %}"}}}}""");
        ExecutionHeader timedOut = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.TIMED_OUT, timedOut.status());

        Redrive.Result redriven = local.runtime().redriveExecution(arn, null).orElseThrow();
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));

        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
        assertEquals(1, end.output().get("count").asInt());
        assertEquals(redriven.redriveDate().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), Instant.parse(end.output().get("time").asText()));
        DurableFaultsTest.assertUniqueIncreasingIds(local, arn);
    }

    @Test
    void anExecutionRedrivenTwiceCountsBothRedrives() throws Exception {
        String arn = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Flaky", "States": {
                  "Flaky": {"Type": "Pass", "End": true,
                    "Output": "{% $states.context.Execution.RedriveCount < 2 ? $error('not yet') : $states.context.Execution.RedriveCount %}"}}}""");
        assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn, Duration.ofSeconds(30)).status());
        local.runtime().redriveExecution(arn, null);
        assertEquals(ExecutionStatus.FAILED, local.awaitEnd(arn, Duration.ofSeconds(30)).status());
        local.runtime().redriveExecution(arn, null);
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));

        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
        assertEquals(Json.parse("2"), end.output());
        assertEquals(2, end.redriveCount());
        DurableFaultsTest.assertUniqueIncreasingIds(local, arn);
    }

    @Test
    void anExecutionWhoseHistoryLeavesNoRoomForTwoMoreEventsIsNotRedrivable() throws Exception {
        // The runtime here keeps 40 events: AWS's rule is "less than 24,999" of its 25,000.
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            states.append("\"P").append(i).append("\": {\"Type\": \"Pass\", \"Next\": \"P").append(i + 1).append("\"},");
        }
        states.append("\"P18\": {\"Type\": \"Fail\", \"Error\": \"Late\"}");
        String arn = run("{\"StartAt\": \"P0\", \"States\": {" + states + "}}");
        ExecutionHeader failed = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.FAILED, failed.status());
        // ExecutionStarted, 18 × Pass entered/exited, FailStateEntered, ExecutionFailed: 39 events of 40.
        assertEquals("Late", failed.error());

        Redrive.NotRedrivable refused = assertThrows(Redrive.NotRedrivable.class, () -> local.runtime().redriveExecution(arn, null));
        assertEquals("Execution history event limit exceeded.", refused.getMessage());
    }

    @Test
    void theRedrivablePeriodIsFourteenDaysFromTheStopAndAnExecutionMayBeOpenOneYear() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Instant stop = start.plus(Duration.ofHours(1));
        assertNull(Redrive.notRedrivableReason(ExecutionStatus.FAILED, start, stop, stop.plus(Duration.ofDays(14))));
        assertEquals("Execution redrivable period exceeded.", Redrive.notRedrivableReason(ExecutionStatus.TIMED_OUT, start, stop,
                stop.plus(Duration.ofDays(14)).plusSeconds(1)));
        assertEquals("Execution has exceeded the max execution time.", Redrive.notRedrivableReason(ExecutionStatus.ABORTED,
                start, start.plus(Duration.ofDays(364)), start.plus(Duration.ofDays(366))));
        assertEquals("Execution is SUCCEEDED and cannot be redriven",
                Redrive.notRedrivableReason(ExecutionStatus.SUCCEEDED, start, stop, stop));
    }
}
