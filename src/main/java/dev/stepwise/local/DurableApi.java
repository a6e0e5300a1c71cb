package dev.stepwise.local;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.tasks.NoIntegrations;
import dev.stepwise.tasks.TaskExecutor;
import dev.stepwise.tasks.mock.MockConfigFile;
import java.net.URI;
import java.time.Clock;

/**
 * The API's ports on the durable runtime, for {@code ./stepwise serve} and tests: a
 * {@link LocalRuntime} (table, queues, poller, and the API on them) on the given DynamoDB and SQS
 * endpoints. The runtime names ARNs with the API's region and account, so an execution the API
 * starts is the one the runtime runs.
 */
public final class DurableApi implements AutoCloseable {
    private final LocalRuntime local;

    private DurableApi(LocalRuntime local) {
        this.local = local;
    }

    /** Starts the runtime and its poller on {@code table} and {@code queue}; resumes executions left RUNNING when asked. */
    public static DurableApi start(ApiConfig config, URI dynamoEndpoint, URI sqsEndpoint, String table, String queue,
                                   TaskExecutor tasks, boolean resume) {
        return start(config, dynamoEndpoint, sqsEndpoint, table, queue, tasks, resume, null, 1.0);
    }

    /**
     * As above, for testing without AWS: {@code mocks} (null for none) mocks Task states per test
     * case ({@code StartExecution} on {@code <ARN>#<TestCase>}); {@code timeScale} shortens waits and back-offs.
     */
    public static DurableApi start(ApiConfig config, URI dynamoEndpoint, URI sqsEndpoint, String table, String queue,
                                   TaskExecutor tasks, boolean resume, MockConfigFile mocks, double timeScale) {
        RuntimeOptions defaults = RuntimeOptions.defaults();
        RuntimeOptions options = new RuntimeOptions(new EngineOptions(EngineOptions.AWS_PAYLOAD_LIMIT_BYTES, config.region()),
                defaults.historyLimit(), defaults.maxReceives(), config.account(), timeScale);
        LocalRuntime local = LocalRuntime.builder(dynamoEndpoint, sqsEndpoint).table(table).queue(queue)
                .options(options).tasks(tasks).mocks(mocks).clock(Clock.systemUTC()).start();
        try {
            if (resume) {
                local.runtime().resumeRunning();
            }
            return new DurableApi(local);
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    public ApiContext context() {
        return local.context();
    }

    public LocalRuntime runtime() {
        return local;
    }

    @Override
    public void close() {
        local.close();
    }
}
