package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Stop, timeout, the history quota, large payloads, listing, and what a transition costs. */
class DurableLimitsTest {
    private static LocalRuntime local;

    @BeforeAll
    static void start() {
        SharedEmulators.assumeLanguageLayer();
        local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("limits")).options(RuntimeOptions.defaults().withHistoryLimit(30)).start();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    private static String machine(String definition) {
        return local.runtime().createStateMachine("lim" + System.nanoTime(), definition, "arn:aws:iam::123456789012:role/test");
    }

    private static List<String> types(String arn) {
        List<String> types = new ArrayList<>();
        local.runtime().store().steps().history(arn).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    @Test
    void stopExecutionAbortsAtOnceAndTheInFlightStepWritesExecutionAbortedAndStops() throws Exception {
        String arn = local.runtime().startExecution(machine("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2,"Next":"P"},"P":{"Type":"Pass","End":true}}}"""),
                "stopme", Json.parse("{}"));
        Thread.sleep(300);
        assertTrue(local.runtime().stopExecution(arn, "User.Stop", "stopped by the test"));
        ExecutionHeader header = local.runtime().store().headers().header(arn).orElseThrow();
        assertEquals(ExecutionStatus.ABORTED, header.status());
        assertEquals("User.Stop", header.error());
        Thread.sleep(3500); // the Wait's message arrives, sees ABORTED, writes the event and goes no further
        List<String> types = types(arn);
        assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "ExecutionAborted"), types);
        JsonNode aborted = local.runtime().store().steps().history(arn).get(2);
        assertEquals(3, aborted.get("id").asLong());
        assertEquals("User.Stop", aborted.path("executionAbortedEventDetails").path("error").asText());
        assertEquals("stopped by the test", aborted.path("executionAbortedEventDetails").path("cause").asText());
    }

    @Test
    void timeoutSecondsTimesTheExecutionOutWithStatesTimeout() throws Exception {
        String arn = local.runtime().startExecution(machine("""
                {"TimeoutSeconds":1,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3,"End":true}}}"""),
                "slow", Json.parse("{}"));
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.TIMED_OUT, end.status());
        assertEquals("States.Timeout", end.error());
        Thread.sleep(3000);
        assertEquals("ExecutionTimedOut", types(arn).get(types(arn).size() - 1));
    }

    @Test
    void reachingTheHistoryQuotaFailsTheExecutionWithExecutionFailedAsTheLastAllowedEvent() throws Exception {
        // limit 30 here (25,000 on AWS); a loop that never ends would go on forever.
        String arn = local.runtime().startExecution(machine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
                  "B":{"Type":"Choice","Choices":[{"Variable":"$.stop","BooleanEquals":true,"Next":"Done"}],"Default":"A"},
                  "Done":{"Type":"Succeed"}}}"""),
                "loop", Json.parse("{\"stop\":false}"));
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.FAILED, end.status());
        assertEquals("States.Runtime", end.error());
        List<String> types = types(arn);
        assertEquals(30, types.size());
        assertEquals("ExecutionFailed", types.get(29));
        long id = 1;
        for (JsonNode event : local.runtime().store().steps().history(arn)) {
            assertEquals(id++, event.get("id").asLong());
        }
    }

    @Test
    void payloadsNearTheQuotaAreKeptInDynamoDbNotInTheMessage() throws Exception {
        String big = "x".repeat(200 * 1024);
        String arn = local.runtime().startExecution(machine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}"""),
                "big", Json.object().put("blob", big));
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
        assertEquals(big, end.output().get("blob").asText());
    }

    @Test
    void historyPagesForwardAndInReverseGiveEveryEventOnceInOrder() throws Exception {
        String arn = local.runtime().startExecution(machine("""
                {"StartAt":"Fan","States":{"Fan":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"I","States":{
                  "I":{"Type":"Pass","End":true}}}}}}"""), "pages", Json.parse("[1,2,3,4]"));
        local.awaitEnd(arn, Duration.ofSeconds(30));
        JsonNode all = local.runtime().store().steps().history(arn);
        for (int size : new int[] {1, 3, 7, 100}) {
            List<Long> forward = new ArrayList<>();
            long after = 0;
            while (true) {
                var page = local.runtime().store().steps().history(arn, false, after, size);
                assertTrue(page.events().size() <= size);
                page.events().forEach(e -> forward.add(e.get("id").asLong()));
                if (page.continueAfter() == null) {
                    break;
                }
                after = page.continueAfter();
            }
            List<Long> reverse = new ArrayList<>();
            after = 0;
            while (true) {
                var page = local.runtime().store().steps().history(arn, true, after, size);
                page.events().forEach(e -> reverse.add(e.get("id").asLong()));
                if (page.continueAfter() == null) {
                    break;
                }
                after = page.continueAfter();
            }
            List<Long> expected = new ArrayList<>();
            for (long id = 1; id <= all.size(); id++) {
                expected.add(id);
            }
            assertEquals(expected, forward, "page size " + size);
            java.util.Collections.reverse(expected);
            assertEquals(expected, reverse, "page size " + size);
        }
    }

    @Test
    void incompressiblePayloadsAtTheQuotaSpillOutOfTheirItemsAndComeBackWhole() throws Exception {
        byte[] random = new byte[192_000];
        new java.util.Random(5).nextBytes(random);
        String blob = java.util.Base64.getEncoder().encodeToString(random); // 256,000 characters: just under 256 KiB
        String arn = local.runtime().startExecution(machine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"M"},
                  "M":{"Type":"Map","ItemsPath":"$.items","End":true,"ItemProcessor":{"StartAt":"I","States":{
                    "I":{"Type":"Pass","End":true}}}}}}"""),
                "random", Json.object().set("items", Json.NODES.arrayNode().add(blob)));
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + " " + end.cause());
        assertEquals(blob, end.output().get(0).asText());
        assertTrue(local.runtime().store().steps().history(arn).size() > 5);
        assertFalse(local.runtime().store().steps().items(arn, "P#").isEmpty(), "the test must make items spill into parts");
    }

    @Test
    void listExecutionsFindsThemByStateMachineAndStatus() throws Exception {
        String machine = machine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""");
        String one = local.runtime().startExecution(machine, "one", Json.parse("{}"));
        String two = local.runtime().startExecution(machine, "two", Json.parse("{}"));
        local.awaitEnd(one, Duration.ofSeconds(30));
        local.awaitEnd(two, Duration.ofSeconds(30));
        assertEquals(List.of(two, one), local.runtime().store().headers().list(machine, null, null, 10).headers().stream()
                .map(h -> h.executionArn()).toList());
        assertEquals(2, local.runtime().store().headers().list(machine, ExecutionStatus.SUCCEEDED, null, 10).headers().size());
        assertEquals(0, local.runtime().store().headers().list(machine, ExecutionStatus.RUNNING, null, 10).headers().size());
    }

    @Test
    void aPassToPassTransitionCostsOneSqsSendAndTwoDynamoDbRequests() throws Exception {
        try (LocalRuntime own = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("cost")).start()) {
            measureCost(own);
        }
    }

    private static void measureCost(LocalRuntime local) throws Exception {
        int[] lengths = {10, 30};
        long[] dynamo = new long[2];
        long[] sends = new long[2];
        for (int run = 0; run < 2; run++) {
            StringBuilder states = new StringBuilder();
            for (int i = 0; i < lengths[run]; i++) {
                states.append(i == 0 ? "" : ",").append("\"P").append(i).append("\":{\"Type\":\"Pass\",")
                        .append(i + 1 < lengths[run] ? "\"Next\":\"P" + (i + 1) + "\"" : "\"End\":true").append('}');
            }
            String machine = local.runtime().createStateMachine("cost" + System.nanoTime(),
                    "{\"StartAt\":\"P0\",\"States\":{" + states + "}}", "arn:aws:iam::123456789012:role/test");
            local.counter().reset();
            String arn = local.runtime().startExecution(machine, "cost" + run, Json.parse("{}"));
            ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
            assertEquals(ExecutionStatus.SUCCEEDED, end.status());
            // GetItem is only the test's own polling here: a step reads with one BatchGetItem.
            dynamo[run] = local.counter().total("DynamoDb") - local.counter().count("DynamoDb.GetItem");
            sends[run] = local.counter().count("Sqs.SendMessage") + local.counter().count("Sqs.SendMessageBatch");
        }
        int transitions = lengths[1] - lengths[0];
        double dynamoPerTransition = (dynamo[1] - dynamo[0]) / (double) transitions;
        double sendsPerTransition = (sends[1] - sends[0]) / (double) transitions;
        System.out.println(local.counter().snapshot());
        System.out.printf("requests per Pass->Pass transition: DynamoDB %.2f, SQS sends %.2f%n", dynamoPerTransition, sendsPerTransition);
        assertEquals(2.0, dynamoPerTransition, 0.01);
        assertEquals(1.0, sendsPerTransition, 0.01);
    }
}
