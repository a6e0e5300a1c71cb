package dev.stepwise.tasks;

import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.tasks.mock.MockConfigFile;
import dev.stepwise.tasks.mock.MockLedger;
import dev.stepwise.tasks.mock.MockedResponse;
import dev.stepwise.tasks.mock.TestCaseSelection;
import dev.stepwise.tasks.mock.UnknownTestCaseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Mocked service integrations as Step Functions Local has them: an execution started with a test
 * case ({@code <state machine ARN>#<TestCase>}) gets, for each Task state the test case names,
 * the mocked response of that state's invocation number instead of the integration's call. The
 * number counts every invocation of the state in the execution from 0 — each retry, each loop
 * visit, each Map iteration — and an attempt delivered again keeps its number (see
 * {@link MockLedger}). States the test case does not name, and executions started without one,
 * call the real integration ({@code real}).
 *
 * <p>A {@code Return} is the task's result as-is (for a Lambda invoke, the whole response with
 * its {@code Payload}, as the guide's examples mock it); a {@code Throw} fails the task with its
 * Error and Cause. The guide: "If you do not specify a mocked response, the state machine
 * execution will fail" — an invocation past the file's numbering fails with States.Runtime,
 * which no Retry or Catch handles.
 */
public final class MockedTasks implements TaskExecutor {
    private final MockConfigFile config;
    private final TaskExecutor real;
    private final MockLedger ledger;

    public MockedTasks(MockConfigFile config, TaskExecutor real, MockLedger ledger) {
        this.config = config;
        this.real = real;
        this.ledger = ledger;
    }

    /**
     * Runs the execution with {@code testCase} of {@code stateMachineName}; call before the
     * execution starts, so its first Task already sees it.
     *
     * @throws UnknownTestCaseException when the file defines no such test case for the machine
     */
    public void select(String executionArn, String stateMachineName, String testCase) {
        if (config.testCase(stateMachineName, testCase).isEmpty()) {
            throw new UnknownTestCaseException(stateMachineName, testCase);
        }
        ledger.select(executionArn, new TestCaseSelection(stateMachineName, testCase));
    }

    /** True when the file defines {@code testCase} for the machine. */
    public boolean defines(String stateMachineName, String testCase) {
        return config.testCase(stateMachineName, testCase).isPresent();
    }

    /** A mocked state's response is its result at once, as in Step Functions Local: no token or child to wait for. */
    @Override
    public dev.stepwise.engine.ItemReading itemReading() {
        return real.itemReading();
    }

    @Override
    public dev.stepwise.engine.ResultWriting resultWriting() {
        return real.resultWriting();
    }

    @Override
    public boolean answersFinally(TaskRequest request) {
        Optional<TestCaseSelection> selection = request.executionArn() == null ? Optional.empty()
                : ledger.selection(request.executionArn());
        return selection.flatMap(s -> config.testCase(s.stateMachineName(), s.testCase()))
                .map(states -> states.containsKey(request.stateName())).orElse(false);
    }

    @Override
    public Resumption execute(TaskRequest request, String idempotencyKey) {
        return execute(request, idempotencyKey, HttpExchange.UNWATCHED);
    }

    /** An unmocked call goes to the real integration with its watcher (TestState through `stepwise serve`). */
    @Override
    public Resumption execute(TaskRequest request, String idempotencyKey, Consumer<HttpExchange> watcher) {
        Optional<TestCaseSelection> selection = request.executionArn() == null ? Optional.empty()
                : ledger.selection(request.executionArn());
        if (selection.isEmpty()) {
            return real.execute(request, idempotencyKey, watcher);
        }
        Map<String, String> states = config.testCase(selection.get().stateMachineName(), selection.get().testCase())
                .orElse(Map.of());
        String responseName = states.get(request.stateName());
        if (responseName == null) {
            return real.execute(request, idempotencyKey, watcher);
        }
        int invocation = ledger.invocation(request.executionArn(), request.stateName(), idempotencyKey);
        Optional<MockedResponse> response = config.responses(responseName).flatMap(r -> r.at(invocation));
        if (response.isEmpty()) {
            return new Resumption.TaskFailed(StatesError.RUNTIME.aslName(), "The mocked response '" + responseName
                    + "' of test case '" + selection.get().testCase() + "' has no response for invocation " + invocation
                    + " of state '" + request.stateName() + "'");
        }
        if (response.get() instanceof MockedResponse.Throw thrown) {
            return new Resumption.TaskFailed(thrown.error(), thrown.cause());
        }
        return new Resumption.TaskSucceeded(((MockedResponse.Return) response.get()).result());
    }
}
