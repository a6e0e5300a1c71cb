package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DurableHappyPathTest {
    private static LocalRuntime local;

    @BeforeAll
    static void start() {
        SharedEmulators.assumeLanguageLayer();
        local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("happy")).tasks(TestTasks.INSTANCE).start();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    static String run(String definition, String input) throws InterruptedException {
        String machine = local.runtime().createStateMachine("m" + System.nanoTime(), definition, "arn:aws:iam::123456789012:role/test");
        return local.runtime().startExecution(machine, "e" + System.nanoTime(), Json.parse(input));
    }

    static List<String> types(String executionArn) {
        List<String> types = new ArrayList<>();
        for (JsonNode event : local.runtime().store().steps().history(executionArn)) {
            types.add(event.get("type").asText());
        }
        return types;
    }

    @Test
    void passChainSucceedsWithTheLastResultAndAwsEventSequence() throws Exception {
        String arn = run("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","Result":{"a":1},"Next":"B"},
                  "B":{"Type":"Pass","Result":{"b":2},"Next":"Done"},
                  "Done":{"Type":"Succeed"}}}""", "{\"x\":0}");
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.SUCCEEDED, end.status());
        assertEquals(Json.parse("{\"b\":2}"), end.output());
        assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited",
                "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"), types(arn));
    }

    @Test
    void waitStateSleepsThroughTheQueueDelay() throws Exception {
        long start = System.nanoTime();
        String arn = run("""
                {"StartAt":"W","States":{
                  "W":{"Type":"Wait","Seconds":1,"Next":"P"},
                  "P":{"Type":"Pass","End":true}}}""", "{\"k\":\"v\"}");
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.SUCCEEDED, end.status());
        assertEquals(Json.parse("{\"k\":\"v\"}"), end.output());
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "a Wait of 1 s took less than 1 s");
        assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded"), types(arn));
    }

    @Test
    void parallelGivesTheArrayOfBranchOutputsInBranchOrder() throws Exception {
        String arn = run("""
                {"StartAt":"Fan","States":{
                  "Fan":{"Type":"Parallel","End":true,"Branches":[
                    {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":1,"Next":"A2"},"A2":{"Type":"Pass","Result":"a","End":true}}},
                    {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}},
                    {"StartAt":"C","States":{"C":{"Type":"Succeed"}}}]}}}""", "{\"in\":1}");
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.SUCCEEDED, end.status());
        assertEquals(Json.parse("[\"a\",\"b\",{\"in\":1}]"), end.output());
        List<String> types = types(arn);
        assertEquals("ParallelStateEntered", types.get(1));
        assertEquals("ParallelStateStarted", types.get(2));
        assertEquals(List.of("ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"),
                types.subList(types.size() - 3, types.size()));
        assertIdsAreConsecutive(arn);
    }

    @Test
    void mapRunsTheProcessorPerItemAndNestedMapsJoinInOrder() throws Exception {
        String arn = run("""
                {"StartAt":"Outer","States":{
                  "Outer":{"Type":"Map","MaxConcurrency":2,"End":true,"ItemProcessor":{"StartAt":"Inner","States":{
                    "Inner":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"Echo","States":{
                      "Echo":{"Type":"Task","Resource":"arn:aws:states:::test:echo","End":true}}}}}}}}}""",
                "[[1,2],[3],[],[4,5,6]]");
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(60));
        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
        assertEquals(Json.parse("[[1,2],[3],[],[4,5,6]]"), end.output());
        List<String> types = types(arn);
        assertEquals(4, types.stream().filter("MapIterationStarted"::equals).count() - 6);
        assertIdsAreConsecutive(arn);
    }

    @Test
    void failStateFailsTheExecutionWithItsErrorAndCause() throws Exception {
        String arn = run("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"it broke"}}}""", "{}");
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.FAILED, end.status());
        assertEquals("Boom", end.error());
        assertEquals("it broke", end.cause());
        assertEquals(List.of("ExecutionStarted", "FailStateEntered", "ExecutionFailed"), types(arn));
    }

    @Test
    void taskFailureIsRetriedThenCaught() throws Exception {
        String arn = run("""
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"arn:aws:states:::test:fail","Next":"Never",
                       "Retry":[{"ErrorEquals":["Test.Failure"],"IntervalSeconds":1,"MaxAttempts":1}],
                       "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]},
                  "Never":{"Type":"Fail"},
                  "Caught":{"Type":"Pass","End":true}}}""", "{}");
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
        assertEquals(Json.parse("{\"Error\":\"Test.Failure\",\"Cause\":\"told to fail\"}"), end.output());
        assertEquals(2, types(arn).stream().filter("TaskFailed"::equals).count());
    }

    @Test
    void parallelBranchFailureFailsTheStateAndTheExecution() throws Exception {
        String arn = run("""
                {"StartAt":"Fan","States":{
                  "Fan":{"Type":"Parallel","End":true,"Branches":[
                    {"StartAt":"Slow","States":{"Slow":{"Type":"Wait","Seconds":2,"End":true}}},
                    {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Branch.Failed","Cause":"no"}}}]}}}""", "{}");
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.FAILED, end.status());
        assertEquals("Branch.Failed", end.error());
        assertEquals("no", end.cause());
    }

    static void assertIdsAreConsecutive(String arn) {
        long expected = 1;
        for (JsonNode event : local.runtime().store().steps().history(arn)) {
            assertEquals(expected, event.get("id").asLong(), "event ids must be 1, 2, 3 ... with no gap");
            expected++;
        }
    }
}
