package dev.stepwise.local;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.api.durable.ApiChildStarter;
import dev.stepwise.api.durable.DurableExecutions;
import dev.stepwise.api.durable.DurableTasks;
import dev.stepwise.api.durable.DurableStateMachines;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.queue.SqsStepQueue;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.tasks.NoIntegrations;
import dev.stepwise.tasks.TaskExecutor;
import dev.stepwise.tasks.mock.MockConfigFile;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API's ports on the durable runtime, for {@code ./stepwise serve} and tests: a
 * {@link LocalRuntime} (table, queues, poller) on the given DynamoDB and SQS endpoints, and the
 * durable adapters on the same table. The runtime names ARNs with the API's region and account,
 * so an execution the API starts is the one the runtime runs.
 */
public final class DurableApi implements AutoCloseable {
    private final LocalRuntime local;
    private final DynamoDbClient dynamo;
    private final ApiContext context;
    private final TaskExecutor tasks;

    private DurableApi(LocalRuntime local, DynamoDbClient dynamo, ApiContext context, TaskExecutor tasks) {
        this.local = local;
        this.dynamo = dynamo;
        this.context = context;
        this.tasks = tasks;
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
        Clock clock = Clock.systemUTC();
        RuntimeOptions defaults = RuntimeOptions.defaults();
        RuntimeOptions options = new RuntimeOptions(new EngineOptions(EngineOptions.AWS_PAYLOAD_LIMIT_BYTES, config.region()),
                defaults.historyLimit(), defaults.maxReceives(), config.account(), timeScale);
        LocalRuntime local = LocalRuntime.builder(dynamoEndpoint, sqsEndpoint).table(table).queue(queue)
                .options(options).tasks(tasks).mocks(mocks).clock(clock).start();
        try {
            if (resume) {
                local.runtime().resumeRunning();
            }
            DynamoDbClient dynamo = new AwsClients(config.region(), new RequestCounter()).dynamoDb(dynamoEndpoint);
            DurableExecutions executions = new DurableExecutions(local.runtime(),
                    new SqsStepQueue(local.sqs(), local.queueUrl()), dynamo, table, clock);
            DurableStateMachines machines = new DurableStateMachines(dynamo, table, local.runtime());
            ApiContext context = ApiContext.of(config, machines, executions, new DurableTasks(local.runtime()), clock);
            if (local.mocks().isPresent()) {
                context = context.withTestCases(local.mocks().get()::select);
            }
            // Task states start child executions through the API, so they are listed and described like any other.
            local.runtime().children(new ApiChildStarter(new StepFunctionsApi(context, new NoIntegrations(),
                    bug -> bug.printStackTrace())));
            return new DurableApi(local, dynamo, context, tasks);
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    public ApiContext context() {
        return context;
    }

    /** The Task integrations the runtime calls (without the mock test cases): TestState calls them too. */
    public TaskExecutor tasks() {
        return tasks;
    }

    public LocalRuntime runtime() {
        return local;
    }

    @Override
    public void close() {
        local.close();
        dynamo.close();
    }
}
