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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** At-least-once delivery and crashing processors against the real emulators. */
class DurableFaultsTest {
    /** Pass chain, Wait, Parallel with a nested Map and a Map with MaxConcurrency: every join kind. */
    static final String MIXED = """
            {"StartAt":"P1","States":{
              "P1":{"Type":"Pass","Result":{"items":[1,2,3]},"Next":"W"},
              "W":{"Type":"Wait","Seconds":1,"Next":"Fan"},
              "Fan":{"Type":"Parallel","Next":"Each","Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":[10,20],"Next":"AM"},
                  "AM":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"AI","States":{"AI":{"Type":"Pass","End":true}}}}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}]},
              "Each":{"Type":"Map","MaxConcurrency":1,"Next":"Done","ItemProcessor":{"StartAt":"E","States":{
                "E":{"Type":"Pass","Result":"e","End":true}}}},
              "Done":{"Type":"Succeed"}}}""";
    static final JsonNode MIXED_OUTPUT = Json.parse("[\"e\",\"e\"]");

    @BeforeAll
    static void layer() {
        SharedEmulators.assumeLanguageLayer();
    }

    @Test
    void everyMessageDeliveredTwiceAndOutOfOrderGivesTheSameOutputsAndHistories() throws Exception {
        try (LocalRuntime clean = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("clean")).start();
             LocalRuntime doubled = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                     .queue(SharedEmulators.uniqueQueue("doubled")).workers(6)
                     .wrapQueue(q -> Faults.duplicating(q, 7)).start()) {
            Map<String, Integer> reference = eventCounts(clean, runAll(clean, 1).get(0));
            List<String> arns = runAll(doubled, 10);
            for (String arn : arns) {
                ExecutionHeader end = doubled.awaitEnd(arn, Duration.ofSeconds(90));
                assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
                assertEquals(MIXED_OUTPUT, end.output());
                assertEquals(reference, eventCounts(doubled, arn), "the same events, each once");
                assertUniqueIncreasingIds(doubled, arn);
            }
        }
    }

    @Test
    void aProcessorCrashingBetweenAnyTwoEffectsStillFinishesEveryExecutionOnce() throws Exception {
        Faults faults = new Faults(0.08, 42);
        try (LocalRuntime clean = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("clean")).start();
             LocalRuntime crashing = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                     .queue(SharedEmulators.uniqueQueue("crashing")).workers(6).visibilityTimeoutSeconds(1)
                     .options(RuntimeOptions.defaults().withMaxReceives(1000))
                     .wrapStore(faults::store).wrapQueue(faults::queue).start()) {
            Map<String, Integer> reference = eventCounts(clean, runAll(clean, 1).get(0));
            List<String> arns = runAll(crashing, 10);
            for (String arn : arns) {
                ExecutionHeader end = crashing.awaitEnd(arn, Duration.ofSeconds(120));
                assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
                assertEquals(MIXED_OUTPUT, end.output());
                assertEquals(reference, eventCounts(crashing, arn), "the same events, each once");
                assertUniqueIncreasingIds(crashing, arn);
            }
            assertTrue(faults.crashes.get() > 20, "the test must actually crash the processor, crashed "
                    + faults.crashes.get() + " times");
        }
    }

    /** A Distributed Map: each item a child execution of a Map Run, two at a time. */
    static final String DISTRIBUTED = """
            {"StartAt":"Items","States":{
              "Items":{"Type":"Pass","Result":[1,2,3,4,5],"Next":"Each"},
              "Each":{"Type":"Map","MaxConcurrency":2,"Label":"each","Next":"Done","ItemProcessor":{
                "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                "StartAt":"Double","States":{
                  "Double":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($, $)"},"Next":"Keep"},
                  "Keep":{"Type":"Pass","OutputPath":"$.n","End":true}}}},
              "Done":{"Type":"Succeed"}}}""";

    @Test
    void aMapRunUnderCrashesAndDuplicatesStartsEachChildOnceAndFinishesOnce() throws Exception {
        Faults faults = new Faults(0.08, 7);
        try (LocalRuntime clean = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("clean-map")).start();
             LocalRuntime crashing = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                     .queue(SharedEmulators.uniqueQueue("crashing-map")).workers(6).visibilityTimeoutSeconds(1)
                     .options(RuntimeOptions.defaults().withMaxReceives(1000))
                     .wrapStore(faults::store).wrapQueue(q -> Faults.duplicating(faults.queue(q), 11)).start()) {
            String cleanArn = runAll(clean, DISTRIBUTED, 1).get(0);
            Map<String, Integer> reference = eventCounts(clean, cleanArn);
            Map<String, Integer> childReference = eventCounts(clean, children(clean, cleanArn).get(0).executionArn());
            for (String arn : runAll(crashing, DISTRIBUTED, 4)) {
                ExecutionHeader end = crashing.awaitEnd(arn, Duration.ofSeconds(120));
                assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
                assertEquals(Json.parse("[2,4,6,8,10]"), end.output());
                assertEquals(reference, eventCounts(crashing, arn), "the same parent events, each once");
                List<ExecutionHeader> children = children(crashing, arn);
                assertEquals(5, children.size(), "one child per item, however often its start was delivered");
                for (ExecutionHeader child : children) {
                    assertEquals(ExecutionStatus.SUCCEEDED, crashing.awaitEnd(child.executionArn(), Duration.ofSeconds(60)).status());
                    assertEquals(childReference, eventCounts(crashing, child.executionArn()), "the same child events, each once");
                    assertUniqueIncreasingIds(crashing, child.executionArn());
                }
            }
            assertTrue(faults.crashes.get() > 10, "the test must actually crash the processor, crashed "
                    + faults.crashes.get() + " times");
        }
    }

    /** The child executions of an execution's (only) Map Run, as the store lists them by the run. */
    private static List<ExecutionHeader> children(LocalRuntime local, String parentArn) {
        String mapRunArn = null;
        for (JsonNode event : local.runtime().store().steps().history(parentArn)) {
            if (event.has("mapRunStartedEventDetails")) {
                mapRunArn = event.get("mapRunStartedEventDetails").get("mapRunArn").asText();
            }
        }
        return local.runtime().store().headers().list(mapRunArn, null, null, 100).headers();
    }

    @Test
    void aTaskAttemptLostInACrashRunsAtMostOnceAndSurfacesAsAnErrorRetryHandles() throws Exception {
        TestTasks tasks = new TestTasks();
        Faults faults = new Faults(0.15, 3);
        try (LocalRuntime crashing = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("claims")).workers(4).visibilityTimeoutSeconds(1).tasks(tasks)
                .options(RuntimeOptions.defaults().withMaxReceives(1000))
                .wrapStore(faults::store).start()) {
            String machine = crashing.runtime().createStateMachine("claims" + System.nanoTime(), """
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:echo","End":true,
                      "Retry":[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":1,"MaxAttempts":10,"BackoffRate":1}]}}}""",
                    "arn:aws:iam::123456789012:role/test");
            List<String> arns = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String name = "c" + i;
                arns.add(startRetrying(() -> crashing.runtime().startExecution(machine, name, Json.parse("{\"n\":" + name.substring(1) + "}"))));
            }
            for (int i = 0; i < arns.size(); i++) {
                ExecutionHeader end = crashing.awaitEnd(arns.get(i), Duration.ofSeconds(120));
                assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
                assertEquals(Json.parse("{\"n\":" + i + "}"), end.output());
            }
            assertEquals(0, tasks.repeatedAttempts(), "a STANDARD task attempt ran twice");
        }
    }

    /**
     * EXPRESS: "at-least-once" — no claim, so a crash between the call and the commit runs the
     * same attempt again, with the same idempotency key, instead of surfacing a lost attempt.
     */
    @Test
    void anExpressTaskAttemptLostInACrashRunsAgainWithTheSameIdempotencyKey() throws Exception {
        TestTasks tasks = new TestTasks();
        Faults faults = new Faults(0.15, 5);
        try (LocalRuntime crashing = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("express")).workers(4).visibilityTimeoutSeconds(1).tasks(tasks)
                .options(RuntimeOptions.defaults().withMaxReceives(1000))
                .wrapStore(faults::store).start()) {
            String machine = startRetrying(() -> crashing.runtime().createStateMachine("express" + System.nanoTime(), """
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::test:echo","End":true}}}""",
                    "arn:aws:iam::123456789012:role/test", "EXPRESS"));
            List<String> arns = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String name = "x" + i;
                arns.add(startRetrying(() -> crashing.runtime().startExecution(machine, name, Json.parse("{\"n\":" + name.substring(1) + "}"))));
            }
            for (int i = 0; i < arns.size(); i++) {
                ExecutionHeader end = crashing.awaitEnd(arns.get(i), Duration.ofSeconds(120));
                assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
                assertEquals(Json.parse("{\"n\":" + i + "}"), end.output());
                String arn = arns.get(i);
                // Every call of the execution's task was its first attempt: no lost claim, no retry.
                assertEquals(1, tasks.calls.keySet().stream().filter(key -> key.startsWith(arn + "/")).count(),
                        tasks.calls.keySet().toString());
            }
        }
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndFailsItsExecutionWhileTheQueueKeepsFlowing() throws Exception {
        Set<String> poisoned = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (LocalRuntime local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("poison")).visibilityTimeoutSeconds(1)
                .options(RuntimeOptions.defaults().withMaxReceives(3))
                .wrapStore(store -> Faults.poisoning(store, poisoned::contains)).start()) {
            String machine = local.runtime().createStateMachine("poison" + System.nanoTime(), """
                    {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"P"},"P":{"Type":"Pass","End":true}}}""",
                    "arn:aws:iam::123456789012:role/test");
            String bad = "arn:aws:states:us-east-1:123456789012:execution:" + machine.substring(machine.lastIndexOf(':') + 1) + ":bad";
            poisoned.add(bad);
            assertEquals(bad, local.runtime().startExecution(machine, "bad", Json.parse("{}")));
            String good = local.runtime().startExecution(machine, "good", Json.parse("{}"));
            assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(good, Duration.ofSeconds(30)).status());
            ExecutionHeader failed = local.awaitEnd(bad, Duration.ofSeconds(60));
            assertEquals(ExecutionStatus.FAILED, failed.status());
            assertEquals("States.Runtime", failed.error());
            assertTrue(failed.cause().contains("dead-letter queue"), failed.cause());
            List<Message> dead = new ArrayList<>();
            long until = System.nanoTime() + 30_000_000_000L;
            while (dead.isEmpty() && System.nanoTime() < until) {
                dead.addAll(local.sqs().receiveMessage(b -> b.queueUrl(local.deadLetterQueueUrl()).waitTimeSeconds(1)).messages());
            }
            assertFalse(dead.isEmpty(), "the poison message is in the dead-letter queue");
            assertTrue(dead.get(0).body().contains(":bad"), dead.get(0).body());
            List<String> types = new ArrayList<>();
            local.runtime().store().steps().history(bad).forEach(e -> types.add(e.get("type").asText()));
            assertEquals("ExecutionFailed", types.get(types.size() - 1));
        }
    }

    @Test
    void twoHundredConcurrentExecutionsWithJoinsAllSucceed() throws Exception {
        try (LocalRuntime local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("many")).workers(8).start()) {
            String machine = local.runtime().createStateMachine("many" + System.nanoTime(), """
                    {"StartAt":"Fan","States":{
                      "Fan":{"Type":"Parallel","Next":"Each","Branches":[
                        {"StartAt":"A","States":{"A":{"Type":"Pass","Result":[1,2,3],"End":true}}},
                        {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}]},
                      "Each":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"E","States":{
                        "E":{"Type":"Pass","End":true}}}}}}""", "arn:aws:iam::123456789012:role/test");
            List<String> arns = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                arns.add(local.runtime().startExecution(machine, "x" + i, Json.parse("{\"i\":" + i + "}")));
            }
            for (String arn : arns) {
                ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(180));
                assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
                assertEquals(Json.parse("[[1,2,3],\"b\"]"), end.output());
            }
        }
    }

    private static List<String> runAll(LocalRuntime local, int count) {
        return runAll(local, MIXED, count);
    }

    private static List<String> runAll(LocalRuntime local, String definition, int count) {
        String machine = local.runtime().createStateMachine("mixed" + System.nanoTime(), definition, "arn:aws:iam::123456789012:role/test");
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "run" + i;
            arns.add(startRetrying(() -> local.runtime().startExecution(machine, name, Json.parse("{}"))));
        }
        return arns;
    }

    /** StartExecution is idempotent by name: a client whose call failed calls again, as the API's clients do. */
    static String startRetrying(java.util.function.Supplier<String> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (Faults.Crash e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    /** How often each (type, state name) occurs: equal for two runs of a definition, whatever the interleaving. */
    static Map<String, Integer> eventCounts(LocalRuntime local, String arn) throws InterruptedException {
        local.awaitEnd(arn, Duration.ofSeconds(60));
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode event : local.runtime().store().steps().history(arn)) {
            String name = "";
            for (JsonNode detail : event) {
                if (detail.isObject() && detail.has("name")) {
                    name = detail.get("name").asText();
                }
            }
            counts.merge(event.get("type").asText() + " " + name, 1, Integer::sum);
        }
        return counts;
    }

    static void assertUniqueIncreasingIds(LocalRuntime local, String arn) {
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (JsonNode event : local.runtime().store().steps().history(arn)) {
            long id = event.get("id").asLong();
            assertTrue(seen.add(id), "event id " + id + " appears twice");
            assertTrue(id > previous, "event ids out of order");
            previous = id;
        }
        Map<String, Object> unused = new HashMap<>();
        assertTrue(unused.isEmpty());
    }
}
