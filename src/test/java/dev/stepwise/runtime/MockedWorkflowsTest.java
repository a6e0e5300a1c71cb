package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.tasks.TaskExecutor;
import dev.stepwise.tasks.mock.MockConfigFile;
import dev.stepwise.tasks.mock.TestCaseSelection;
import dev.stepwise.tasks.mock.UnknownTestCaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Mocked service integrations through the durable path (DynamoDB + SQS emulators, one step per
 * message): the golden cases in src/test/resources/mocks (one mock configuration file, a
 * definition per state machine named after its file, the expected end per test case), run at
 * {@code --time-scale 0} so the retries' back-offs pass at once.
 */
class MockedWorkflowsTest {
    private static final Path ROOT = Path.of("src/test/resources/mocks");
    /** The real integration behind the mocks: shows what it was called with. */
    private static final TaskExecutor REAL = (request, key) -> new Resumption.TaskSucceeded(Json.object()
            .put("calledResource", request.resource()).set("with", request.parameters()));

    private static LocalRuntime local;

    @BeforeAll
    static void start() {
        SharedEmulators.assumeLanguageLayer();
        local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .table("mocks-" + System.nanoTime()).queue(SharedEmulators.uniqueQueue("mocks")).workers(4)
                .options(RuntimeOptions.defaults().withTimeScale(0)).tasks(REAL)
                .mocks(MockConfigFile.read(ROOT.resolve("MockConfigFile.json"))).start();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    /** Creates the machine (once per name), selects the test case, starts the execution; returns its ARN. */
    static String start(String machineName, String definition, String testCase, JsonNode input) {
        String machine = local.runtime().createStateMachine(machineName, definition, "arn:aws:iam::123456789012:role/mocks");
        String name = "e" + System.nanoTime();
        if (testCase != null) {
            local.mocks().orElseThrow().select(machine.replace(":stateMachine:", ":execution:") + ":" + name, machineName, testCase);
        }
        return local.runtime().startExecution(machine, name, input);
    }

    static List<String> types(String executionArn) {
        List<String> types = new ArrayList<>();
        local.runtime().store().steps().history(executionArn).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenTestCaseEndsAsExpected() throws Exception {
        Map<String, JsonNode> expectations = new LinkedHashMap<>();
        Map<String, String> executions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ROOT)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("MockConfigFile.json")).sorted().toList()) {
                String machineName = file.getFileName().toString().replace(".json", "");
                JsonNode fixture = Json.parse(Files.readString(file));
                JsonNode definition = fixture.get("definition");
                String text = definition.isTextual() ? Files.readString(Path.of(definition.asText())) : Json.write(definition);
                for (Iterator<Map.Entry<String, JsonNode>> it = fixture.get("cases").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> testCase = it.next();
                    String label = machineName + "#" + testCase.getKey() + ": " + testCase.getValue().get("description").asText();
                    expectations.put(label, testCase.getValue().get("expect"));
                    executions.put(label, start(machineName, text, testCase.getKey(), testCase.getValue().get("input")));
                }
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> execution : executions.entrySet()) {
            ExecutionHeader end = local.awaitEnd(execution.getValue(), Duration.ofSeconds(60));
            List<String> events = types(execution.getValue());
            JsonNode expect = expectations.get(execution.getKey());
            tests.add(DynamicTest.dynamicTest(execution.getKey(), () -> {
                assertEquals(expect.get("status").asText(), end.status().name(), end.error() + ": " + end.cause());
                if (expect.has("output")) {
                    assertEquals(expect.get("output"), end.output(), "output");
                }
                if (expect.has("error")) {
                    assertEquals(expect.get("error").asText(), end.error(), "error");
                    assertEquals(expect.get("cause").asText(), end.cause(), "cause");
                }
                if (expect.has("events")) {
                    List<String> expected = new ArrayList<>();
                    expect.get("events").forEach(e -> expected.add(e.asText()));
                    assertEquals(expected, events, "events");
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void twoExecutionsOfOneMachineRunTheirOwnTestCasesSideBySide() throws Exception {
        String definition = Files.readString(Path.of("examples/LambdaSQSIntegration.json"));
        String hybrid = start("LambdaSQSIntegration", definition, "HybridPath", Json.object());
        String happy = start("LambdaSQSIntegration", definition, "HappyPath", Json.object());
        String plain = start("LambdaSQSIntegration", definition, null, Json.parse("{\"k\":1}"));
        assertEquals("arn:aws:states:::sqs:sendMessage",
                local.awaitEnd(hybrid, Duration.ofSeconds(30)).output().get("calledResource").asText());
        assertEquals("3bcb6e8e-8b51-4375-b0bc-1a59812c6e51",
                local.awaitEnd(happy, Duration.ofSeconds(30)).output().get("MessageId").asText());
        // Without a test case both states call the real integration: SQSState gets LambdaState's real result.
        assertEquals("arn:aws:states:::lambda:invoke",
                local.awaitEnd(plain, Duration.ofSeconds(30)).output().at("/with/MessageBody/calledResource").asText());
    }

    @Test
    void anUnknownTestCaseIsRefusedBeforeTheExecutionStarts() {
        UnknownTestCaseException e = assertThrows(UnknownTestCaseException.class, () -> local.mocks().orElseThrow()
                .select("arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:x", "LambdaSQSIntegration", "SadPath"));
        assertEquals("the mock configuration defines no test case 'SadPath' for the state machine 'LambdaSQSIntegration'",
                e.getMessage());
    }

    @Test
    void theLedgerKeepsTestCasesAndInvocationNumbersAcrossRestartsAndRedeliveries() {
        String execution = "arn:aws:states:us-east-1:123456789012:execution:Ledger:" + System.nanoTime();
        StoredMockLedger first = new StoredMockLedger(local.runtime().store().steps());
        first.select(execution, new TestCaseSelection("Ledger", "T"));
        first.select(execution, new TestCaseSelection("Ledger", "Other")); // a repeated start keeps the first choice
        assertEquals(0, first.invocation(execution, "A#1", "attempt-0"));
        assertEquals(1, first.invocation(execution, "A#1", "attempt-1"));
        assertEquals(0, first.invocation(execution, "A", "attempt-0"));
        // A new process (serve restarted with --data-dir) sees the same numbers; a redelivery keeps its own.
        StoredMockLedger restarted = new StoredMockLedger(local.runtime().store().steps());
        assertEquals(java.util.Optional.of(new TestCaseSelection("Ledger", "T")), restarted.selection(execution));
        assertEquals(1, restarted.invocation(execution, "A#1", "attempt-1"));
        assertEquals(2, restarted.invocation(execution, "A#1", "attempt-2"));
        assertEquals(0, restarted.invocation(execution, "A#1", "attempt-0"));
    }

    @Test
    void anHoursWaitPassesAtOnceAtTimeScaleZeroWhileHistoryKeepsItsSeconds() throws Exception {
        long started = System.nanoTime();
        String arn = start("Nap" + System.nanoTime(), """
                {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","SecondsPath":"$.seconds","Next":"Done"},
                  "Done":{"Type":"Pass","End":true}}}""", null, Json.parse("{\"seconds\":3600}"));
        ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(30));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ExecutionStatus.SUCCEEDED, end.status());
        assertTrue(millis < 10_000, "a 3600 s Wait at time scale 0 took " + millis + " ms");
        assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited",
                "ExecutionSucceeded"), types(arn));
        JsonNode entered = local.runtime().store().steps().history(arn).get(1);
        assertEquals("{\"seconds\":3600}", entered.at("/stateEnteredEventDetails/input").asText());
    }
}
