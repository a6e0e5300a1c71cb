package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.tasks.mock.InMemoryMockLedger;
import dev.stepwise.tasks.mock.MockConfigFile;
import dev.stepwise.tasks.mock.UnknownTestCaseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which calls are mocked and which invocation number each attempt gets. */
class MockedTasksTest {
    static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:M";
    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:M:e1";
    static final MockConfigFile CONFIG = MockConfigFile.parse("""
            {"StateMachines": {"M": {"TestCases": {"T": {"A": "Seq"}, "Other": {"A": "Fixed"}}}},
             "MockedResponses": {
               "Seq": {"0": {"Return": "zero"}, "1-2": {"Throw": {"Error": "E", "Cause": "one or two"}}, "3": {"Return": "three"}},
               "Fixed": {"0": {"Return": "other"}}}}""");

    final List<String> realCalls = new ArrayList<>();
    final MockedTasks tasks = new MockedTasks(CONFIG, (request, key) -> {
        realCalls.add(request.stateName() + "@" + key);
        return new Resumption.TaskSucceeded(Json.parse("\"real\""));
    }, new InMemoryMockLedger());

    static TaskRequest request(String execution, String state, int attempt) {
        return new TaskRequest(state, "arn:aws:states:::lambda:invoke", Json.object(), 60, null, null, attempt, execution,
                MACHINE, null);
    }

    static JsonNode output(Resumption resumption) {
        return ((Resumption.TaskSucceeded) resumption).output();
    }

    @Test
    void eachInvocationOfAStateTakesTheNextNumberedResponse() {
        tasks.select(EXECUTION, "M", "T");
        assertEquals(Json.parse("\"zero\""), output(tasks.execute(request(EXECUTION, "A", 0), "k0")));
        assertEquals(new Resumption.TaskFailed("E", "one or two"), tasks.execute(request(EXECUTION, "A", 1), "k1"));
        assertEquals(new Resumption.TaskFailed("E", "one or two"), tasks.execute(request(EXECUTION, "A", 2), "k2"));
        assertEquals(Json.parse("\"three\""), output(tasks.execute(request(EXECUTION, "A", 0), "k3")));
    }

    @Test
    void anAttemptDeliveredAgainKeepsItsNumber() {
        tasks.select(EXECUTION, "M", "T");
        assertEquals(Json.parse("\"zero\""), output(tasks.execute(request(EXECUTION, "A", 0), "k0")));
        assertEquals(Json.parse("\"zero\""), output(tasks.execute(request(EXECUTION, "A", 0), "k0")));
        assertEquals(new Resumption.TaskFailed("E", "one or two"), tasks.execute(request(EXECUTION, "A", 1), "k1"));
    }

    @Test
    void anInvocationPastTheNumberingFailsTheExecutionWithStatesRuntime() {
        tasks.select(EXECUTION, "M", "Other");
        tasks.execute(request(EXECUTION, "A", 0), "k0");
        assertEquals(new Resumption.TaskFailed("States.Runtime",
                        "The mocked response 'Fixed' of test case 'Other' has no response for invocation 1 of state 'A'"),
                tasks.execute(request(EXECUTION, "A", 1), "k1"));
    }

    @Test
    void statesTheTestCaseDoesNotNameAndExecutionsWithoutOneCallTheRealIntegration() {
        tasks.select(EXECUTION, "M", "T");
        assertEquals(Json.parse("\"real\""), output(tasks.execute(request(EXECUTION, "B", 0), "kb")));
        String plain = "arn:aws:states:us-east-1:123456789012:execution:M:e2";
        assertEquals(Json.parse("\"real\""), output(tasks.execute(request(plain, "A", 0), "ka")));
        assertEquals(List.of("B@kb", "A@ka"), realCalls);
    }

    @Test
    void eachExecutionCountsItsOwnInvocationsWithItsOwnTestCase() {
        String second = "arn:aws:states:us-east-1:123456789012:execution:M:e2";
        tasks.select(EXECUTION, "M", "T");
        tasks.select(second, "M", "Other");
        assertEquals(Json.parse("\"zero\""), output(tasks.execute(request(EXECUTION, "A", 0), "x")));
        assertEquals(Json.parse("\"other\""), output(tasks.execute(request(second, "A", 0), "y")));
    }

    @Test
    void anUnknownTestCaseIsRefusedAtSelection() {
        UnknownTestCaseException e = assertThrows(UnknownTestCaseException.class, () -> tasks.select(EXECUTION, "M", "Nope"));
        assertEquals("the mock configuration defines no test case 'Nope' for the state machine 'M'", e.getMessage());
        assertThrows(UnknownTestCaseException.class, () -> tasks.select(EXECUTION, "Unknown", "T"));
    }

    @Test
    void anUnmockedCallHandsTheRealIntegrationItsHttpWatcher() {
        List<HttpExchange> watched = new ArrayList<>();
        HttpExchange exchange = new HttpExchange(new HttpExchange.Request("https", "GET", "https://example.com", List.of(), null), null);
        MockedTasks watching = new MockedTasks(CONFIG, new TaskExecutor() {
            @Override
            public Resumption execute(TaskRequest request, String key) {
                return new Resumption.TaskSucceeded(Json.parse("\"unwatched\""));
            }

            @Override
            public Resumption execute(TaskRequest request, String key, java.util.function.Consumer<HttpExchange> watcher) {
                watcher.accept(exchange);
                return new Resumption.TaskSucceeded(Json.parse("\"real\""));
            }
        }, new InMemoryMockLedger());
        // TestState's execution is known to no test case: its Task calls the real integration.
        assertEquals(Json.parse("\"real\""), output(watching.execute(request(EXECUTION, "A", 0), "k0", watched::add)));
        assertEquals(List.of(exchange), watched);
    }
}
