package dev.stepwise.local;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.api.durable.DurableAssembly;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.queue.InMemoryStepQueue;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.runtime.StoredMockLedger;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Store;
import dev.stepwise.tasks.MockedTasks;
import dev.stepwise.tasks.TaskExecutor;
import dev.stepwise.tasks.mock.MockConfigFile;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable runtime and the API on it, in this process's memory: the same parts as on DynamoDB
 * and SQS ({@link DurableAssembly}), on the store's and the queue's in-memory adapters, with a
 * {@link MemoryPoller} playing the event source mapping. {@code serve --in-memory},
 * {@code run --in-memory} (through {@link DurableRun}) and the tests of the API's in-memory
 * backend run here, so callbacks, Map Runs, nested executions and redrive work there too.
 */
public final class MemoryApi implements DurableBackend {
    /** What SQS's visibility timeout is to a failed delivery here. */
    private static final int VISIBILITY_TIMEOUT_SECONDS = 5;
    private static final int WORKERS = 4;

    private final DurableAssembly assembly;
    private final MemoryPoller poller;
    private final MockedTasks mocks;
    private final ExecutionEndWaiter ends;

    private MemoryApi(DurableAssembly assembly, MemoryPoller poller, MockedTasks mocks, ExecutionEndWaiter ends) {
        this.assembly = assembly;
        this.poller = poller;
        this.mocks = mocks;
        this.ends = ends;
    }

    /**
     * @param mocks Step Functions Local's mock configuration (StartExecution on {@code <ARN>#<TestCase>}), or null
     * @param timeScale the factor on the time Wait states and back-offs really wait (1 = real time)
     */
    public static MemoryApi start(ApiConfig config, TaskExecutor tasks, MockConfigFile mocks, double timeScale,
                                  Consumer<Throwable> bugs) {
        Clock clock = Clock.systemUTC();
        RuntimeOptions defaults = RuntimeOptions.defaults();
        RuntimeOptions options = new RuntimeOptions(new EngineOptions(EngineOptions.AWS_PAYLOAD_LIMIT_BYTES, config.region()),
                defaults.historyLimit(), defaults.maxReceives(), config.account(), timeScale);
        Store store = Store.inMemory();
        InMemoryStepQueue queue = new InMemoryStepQueue(clock, VISIBILITY_TIMEOUT_SECONDS);
        MockedTasks mocked = mocks == null ? null : new MockedTasks(mocks, tasks, new StoredMockLedger(store.steps()));
        DurableAssembly assembly = DurableAssembly.of(store, queue, mocked == null ? tasks : mocked, clock, options, config,
                mocked == null ? null : mocked::select, bugs);
        MemoryPoller poller = new MemoryPoller(queue, assembly.runtime(), WORKERS, (delivery, error) -> { }).start();
        return new MemoryApi(assembly, poller, mocked, new ExecutionEndWaiter(store.headers()));
    }

    public ApiContext context() {
        return assembly.context();
    }

    public StepFunctionsApi api() {
        return assembly.api();
    }

    @Override
    public DurableRuntime runtime() {
        return assembly.runtime();
    }

    @Override
    public Optional<MockedTasks> mocks() {
        return Optional.ofNullable(mocks);
    }

    @Override
    public ExecutionHeader awaitEnd(String executionArn, Duration timeout) throws InterruptedException {
        return ends.await(executionArn, timeout);
    }

    @Override
    public void executionEnded() {
        ends.ended();
    }

    @Override
    public void close() {
        poller.close();
    }
}
