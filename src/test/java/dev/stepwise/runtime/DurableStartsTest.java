package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Headers;
import dev.stepwise.store.StartRecord;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.Store;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A start cut short at any point is finished, never lost and never a ghost: by the retried
 * StartExecution when the client retries, by the execution's check message when it does not.
 * And a step that crashes between reserving its event ids and committing them leaves no gap a
 * reader can see.
 */
class DurableStartsTest {
    private static final String WAIT_THEN_PASS = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":0,"Next":"P"},"P":{"Type":"Pass","End":true}}}""";

    @BeforeAll
    static void layer() {
        SharedEmulators.assumeLanguageLayer();
    }

    @Test
    void aStartCutShortAfterItsStartRecordIsFinishedByItsCheckWithoutARetry() throws Exception {
        Set<String> cut = ConcurrentHashMap.newKeySet();
        try (LocalRuntime local = runtime("cut-header", 1, store -> crashOnce(store, "create", cut), q -> q)) {
            String machine = local.runtime().createStateMachine("cut" + System.nanoTime(), WAIT_THEN_PASS, ROLE);
            cut.add(executionArn(machine, "cut"));
            assertThrows(Faults.Crash.class, () -> local.runtime().startExecution(machine, "cut", Json.parse("{\"a\":1}")));
            ExecutionHeader end = local.awaitEnd(executionArn(machine, "cut"), Duration.ofSeconds(60));
            assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
            assertEquals(Json.parse("{\"a\":1}"), end.output());
            assertOneToN(local, executionArn(machine, "cut"), 6);
        }
    }

    @Test
    void aStartWhoseFirstStepsMessageWasNeverSentIsRunByItsCheck() throws Exception {
        Set<String> lost = ConcurrentHashMap.newKeySet();
        try (LocalRuntime local = runtime("lost-first", 1, store -> store, q -> losingFirstStep(q, lost))) {
            String machine = local.runtime().createStateMachine("lost" + System.nanoTime(), WAIT_THEN_PASS, ROLE);
            lost.add(executionArn(machine, "lost"));
            assertThrows(Faults.Crash.class, () -> local.runtime().startExecution(machine, "lost", Json.parse("{}")));
            ExecutionHeader end = local.awaitEnd(executionArn(machine, "lost"), Duration.ofSeconds(60));
            assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
        }
    }

    @Test
    void aRetriedStartExecutionWithTheSameNameAndInputFinishesTheStartItFindsAndAnswersTheSameArn() throws Exception {
        Set<String> cut = ConcurrentHashMap.newKeySet();
        // The check comes only after a minute: finishing in seconds proves the retry did it.
        try (LocalRuntime local = runtime("retried", 60, store -> crashOnce(store, "create", cut), q -> q)) {
            StepFunctionsApi api = local.api();
            String machine = Json.parse(api.handle(StepFunctionsApi.TARGET_PREFIX + "CreateStateMachine", Json.write(Json.object()
                    .put("name", "retried" + System.nanoTime()).put("definition", WAIT_THEN_PASS).put("roleArn", ROLE))).body())
                    .get("stateMachineArn").asText();
            cut.add(executionArn(machine, "again"));
            String request = Json.write(Json.object().put("stateMachineArn", machine).put("name", "again").put("input", "{\"b\":2}"));
            ApiResponse failed = api.handle(StepFunctionsApi.TARGET_PREFIX + "StartExecution", request);
            assertEquals(500, failed.status(), failed.body());
            ApiResponse retried = api.handle(StepFunctionsApi.TARGET_PREFIX + "StartExecution", request);
            assertEquals(200, retried.status(), retried.body());
            assertEquals(executionArn(machine, "again"), Json.parse(retried.body()).get("executionArn").asText());
            ExecutionHeader end = local.awaitEnd(executionArn(machine, "again"), Duration.ofSeconds(20));
            assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
            String different = Json.write(Json.object().put("stateMachineArn", machine).put("name", "again").put("input", "{\"b\":3}"));
            ApiResponse refused = api.handle(StepFunctionsApi.TARGET_PREFIX + "StartExecution", different);
            assertEquals(400, refused.status());
            assertEquals("ExecutionAlreadyExists", Json.parse(refused.body()).get("__type").asText());
        }
    }

    @Test
    void aBranchStepThatCrashesAfterReservingItsEventIdsLeavesNoGapInTheHistory() throws Exception {
        Set<String> crashAfterReserving = ConcurrentHashMap.newKeySet();
        try (LocalRuntime local = runtime("gaps", 60, store -> crashOnce(store, "allocateEvents", crashAfterReserving), q -> q)) {
            String machine = local.runtime().createStateMachine("gaps" + System.nanoTime(), """
                    {"StartAt":"Fan","States":{"Fan":{"Type":"Parallel","End":true,"Branches":[
                      {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A2"},"A2":{"Type":"Pass","End":true}}},
                      {"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}]}}}""", ROLE);
            String arn = executionArn(machine, "gaps");
            crashAfterReserving.add(arn);
            local.runtime().startExecution(machine, "gaps", Json.parse("{}"));
            ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(60));
            assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
            ArrayNode history = local.runtime().store().steps().history(arn);
            assertTrue(local.runtime().store().steps().lastEventId(arn) > history.size(),
                    "the crash must leave reserved ids unused, else this test proves nothing");
            assertOneToN(local, arn, history.size());
        }
    }

    private static final String ROLE = "arn:aws:iam::123456789012:role/test";

    private static LocalRuntime runtime(String queue, int checkSeconds, java.util.function.UnaryOperator<Store> store,
                                        java.util.function.UnaryOperator<StepQueue> wrapQueue) {
        return LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs()).queue(SharedEmulators.uniqueQueue(queue))
                .visibilityTimeoutSeconds(1).options(RuntimeOptions.defaults().withStartCheckSeconds(checkSeconds))
                .bugs(bug -> { }).wrapStore(store).wrapQueue(wrapQueue).start();
    }

    private static String executionArn(String machineArn, String name) {
        return machineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    /** Event ids 1..n, each linked to an earlier one. */
    private static void assertOneToN(LocalRuntime local, String arn, int n) {
        ArrayNode history = local.runtime().store().steps().history(arn);
        assertEquals(n, history.size(), history.toString());
        for (int i = 0; i < history.size(); i++) {
            JsonNode event = history.get(i);
            assertEquals(i + 1, event.get("id").asLong());
            assertTrue(event.get("previousEventId").asLong() < i + 1);
        }
    }

    /** The store, crashing once right after {@code method} took effect for an execution in {@code arns}. */
    private static Store crashOnce(Store real, String method, Set<String> arns) {
        Predicate<String> once = arn -> arns.remove(arn);
        Headers headers = after(Headers.class, real.headers(), method, args -> args[0] instanceof StartRecord s && once.test(s.executionArn()));
        StepItems steps = after(StepItems.class, real.steps(), method, args -> args[0] instanceof String arn && once.test(arn));
        return new Store(headers, steps, real.joins(), real.counters(), real.definitions(), real.records(), real.activities());
    }

    @SuppressWarnings("unchecked")
    private static <T> T after(Class<T> port, T real, String method, Predicate<Object[]> when) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, called, args) -> {
            Object result;
            try {
                result = called.invoke(real, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
            if (called.getName().equals(method) && when.test(args)) {
                throw new Faults.Crash("after " + method);
            }
            return result;
        });
    }

    /** A queue whose first send of a listed execution's first step crashes before the message is sent. */
    private static StepQueue losingFirstStep(StepQueue real, Set<String> arns) {
        return new StepQueue() {
            @Override
            public void send(StepMessage message, int delaySeconds) {
                if (message.step().startsWith("S#") && arns.remove(message.execution())) {
                    throw new Faults.Crash("before sending the first step");
                }
                real.send(message, delaySeconds);
            }

            @Override
            public void sendAll(List<StepMessage> messages) {
                messages.forEach(m -> send(m, 0));
            }
        };
    }
}
