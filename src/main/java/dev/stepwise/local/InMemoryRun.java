package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.InMemoryRunner;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import dev.stepwise.tasks.MockedTasks;
import dev.stepwise.tasks.mock.InMemoryMockLedger;
import dev.stepwise.tasks.mock.MockConfigFile;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One execution in this process, by the engine's {@link InMemoryRunner} on a virtual clock (Wait
 * states and retry back-offs pass at once): what {@code test} runs without {@code --durable}. Task
 * states call the integrations ({@code integrations}: the --endpoint services, else AWS), or their
 * mocked responses when a test case of a mock configuration is given. {@code test} stays on this
 * runner, not on the durable runtime in memory that {@code run --in-memory} uses
 * ({@link DurableRun#inMemory}): a test checks the states entered in order, which the runner's one
 * step at a time on its virtual clock keeps the same from run to run (the runtime's workers run
 * Parallel branches and Map items side by side).
 */
final class InMemoryRun {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    private InMemoryRun() {
    }

    /** {@code events} sees each history event as the runner writes it, numbered and linked as GetExecutionHistory does. */
    static InMemoryRunner.Result run(StateMachine machine, String machineName, JsonNode input, MockConfigFile mocks,
                                     String testCase, IntegrationConfig integrations, Consumer<StoredEvent> events) {
        String name = UUID.randomUUID().toString();
        String machineArn = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + machineName;
        ExecutionInfo execution = new ExecutionInfo("arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:" + machineName + ":" + name,
                name, input, "arn:aws:iam::" + ACCOUNT + ":role/stepwise-local", Instant.now(), 0, null, machineArn, machineName);
        Integrations real = Integrations.create(integrations);
        InMemoryRunner.TaskExecutor tasks = request ->
                real.execute(request, execution.executionArn() + "/" + request.stateName() + "/" + request.attempt());
        if (mocks != null && testCase != null) {
            InMemoryRunner.TaskExecutor unmocked = tasks;
            MockedTasks mocked = new MockedTasks(mocks, (request, key) -> unmocked.execute(request), new InMemoryMockLedger());
            mocked.select(execution.executionArn(), machineName, testCase);
            tasks = request -> mocked.execute(request, UUID.randomUUID().toString()); // one call per attempt here
        }
        InMemoryRunner runner = new InMemoryRunner(new Engine(EngineOptions.defaults()), tasks, real.itemReading(),
                real.resultWriting(), real.config().region());
        return runner.run(machine, execution, (id, time, event) -> events.accept(StoredEvent.inSequence(id, time, event)),
                new SecureRandom());
    }
}
