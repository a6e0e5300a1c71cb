package dev.stepwise.local;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.api.durable.DurableAssembly;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.CapacityMeter;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.queue.SqsStepQueue;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.runtime.StepListener;
import dev.stepwise.runtime.StoredMockLedger;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Store;
import dev.stepwise.store.dynamo.DynamoSchema;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import dev.stepwise.tasks.MockedTasks;
import dev.stepwise.tasks.TaskExecutor;
import dev.stepwise.tasks.mock.MockConfigFile;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The durable runtime and its API wired for a laptop (or a test): SDK clients on the given
 * endpoints, the table and queues created if missing, the parts put together as in the cloud
 * ({@link DurableAssembly}), and a {@link StepPoller} playing the SQS event source mapping.
 */
public final class LocalRuntime implements DurableBackend {
    private final RequestCounter counter;
    private final DynamoDbClient dynamo;
    /** The SQS side (client, queues, poller), which may still be coming up: see {@link Builder#queuesInBackground}. */
    private final CompletableFuture<SqsSide> sqsSide;
    private final DurableRuntime runtime;
    private final DurableAssembly assembly;
    private final MockedTasks mocks;
    private final ExecutionEndWaiter ends;

    private record SqsSide(SqsClient sqs, String queueUrl, String deadLetterQueueUrl, StepPoller poller) {
    }

    private LocalRuntime(Builder b) {
        counter = new RequestCounter();
        AwsClients clients = new AwsClients(b.options.region(), counter, b.meter);
        // Each client is built, and its table or queues made as soon as its emulator answers, side
        // by side: building an SDK client costs a few hundred milliseconds of a cold JVM.
        CompletableFuture<SqsClient> sqsClient = CompletableFuture.supplyAsync(() -> clients.sqs(b.sqsEndpoint));
        CompletableFuture<List<String>> queues = sqsClient.thenCombine(b.sqsReady, (client, ready) -> client)
                .thenApplyAsync(client -> SqsStepQueue.createQueues(client, b.queue, b.options.maxReceives(),
                        b.visibilityTimeoutSeconds));
        dynamo = clients.dynamoDb(b.dynamoEndpoint);
        try {
            b.dynamoReady.join();
            DynamoSchema.createTableIfMissing(dynamo, b.table);
        } catch (RuntimeException e) {
            sqsClient.thenAccept(SqsClient::close);
            dynamo.close();
            throw unwrapped(e);
        }
        Store store = b.wrapStore.apply(Store.dynamo(dynamo, b.table));
        StepQueue queue = b.wrapQueue.apply(new LaterQueue(queues.thenApply(urls -> new SqsStepQueue(sqsClient.join(), urls.get(0)))));
        TaskExecutor tasks = b.tasks != null ? b.tasks : Integrations.create(b.integrationConfig());
        // Mocks wrap whatever executor was given: states a test case does not name still reach it.
        mocks = b.mocks == null ? null : new MockedTasks(b.mocks, tasks, new StoredMockLedger(store.steps()));
        ApiConfig api = new ApiConfig(b.options.region(), b.options.accountId(), ApiConfig.defaults().tokenKey());
        assembly = DurableAssembly.of(store, queue, mocks == null ? tasks : mocks, b.clock, b.options, api,
                mocks == null ? null : mocks::select, b.bugs);
        runtime = assembly.runtime();
        ends = new ExecutionEndWaiter(store.headers());
        b.listeners.forEach(runtime::listen);
        sqsSide = queues.thenApply(urls -> new SqsSide(sqsClient.join(), urls.get(0), urls.get(1),
                new StepPoller(sqsClient.join(), urls.get(0), runtime, b.workers, b.waitSeconds, b.onFailure).start()));
        if (!b.queuesInBackground) {
            try {
                sqsSide.join();
            } catch (RuntimeException e) {
                sqsClient.thenAccept(SqsClient::close);
                dynamo.close();
                throw unwrapped(e);
            }
        }
    }

    private static RuntimeException unwrapped(RuntimeException e) {
        return e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    private SqsSide sqsSide() {
        try {
            return sqsSide.join();
        } catch (RuntimeException e) {
            throw unwrapped(e);
        }
    }

    /** The step queue once its SQS queue exists: a message sent before then waits for it. */
    private record LaterQueue(CompletableFuture<StepQueue> queue) implements StepQueue {
        @Override
        public void send(StepMessage message, int delaySeconds) {
            get().send(message, delaySeconds);
        }

        @Override
        public void sendAll(List<StepMessage> messages) {
            get().sendAll(messages);
        }

        private StepQueue get() {
            try {
                return queue.join();
            } catch (RuntimeException e) {
                throw unwrapped(e);
            }
        }
    }

    public static Builder builder(URI dynamoEndpoint, URI sqsEndpoint) {
        return new Builder(dynamoEndpoint, sqsEndpoint);
    }

    @Override
    public DurableRuntime runtime() {
        return runtime;
    }

    /** The Step Functions API on this runtime. */
    public StepFunctionsApi api() {
        return assembly.api();
    }

    public ApiContext context() {
        return assembly.context();
    }

    /** The mocked integrations when a mock configuration was given, to select an execution's test case. */
    @Override
    public Optional<MockedTasks> mocks() {
        return Optional.ofNullable(mocks);
    }

    public RequestCounter counter() {
        return counter;
    }

    public StepPoller poller() {
        return sqsSide().poller();
    }

    public SqsClient sqs() {
        return sqsSide().sqs();
    }

    public String queueUrl() {
        return sqsSide().queueUrl();
    }

    public String deadLetterQueueUrl() {
        return sqsSide().deadLetterQueueUrl();
    }

    /**
     * Waits until the execution is no longer RUNNING; returns its header. It looks again at
     * growing intervals, and at once after {@link #executionEnded}.
     */
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
        try {
            SqsSide side = sqsSide.exceptionally(failed -> null).join();
            if (side != null) {
                side.poller().close();
                side.sqs().close();
            }
        } finally {
            dynamo.close();
        }
    }

    public static final class Builder {
        private final URI dynamoEndpoint;
        private final URI sqsEndpoint;
        private String table = "stepwise";
        private String queue = "stepwise-steps";
        private int workers = 4;
        private int waitSeconds = 1;
        private int visibilityTimeoutSeconds = 30;
        private RuntimeOptions options = RuntimeOptions.defaults();
        /** null: the task integrations, on {@link #integrations} and this runtime's DynamoDB and SQS. */
        private TaskExecutor tasks;
        private IntegrationConfig integrations;
        private MockConfigFile mocks;
        private Clock clock = Clock.systemUTC();
        private UnaryOperator<Store> wrapStore = UnaryOperator.identity();
        private CapacityMeter meter;
        private final List<StepListener> listeners = new ArrayList<>();
        private Consumer<Throwable> bugs = bug -> bug.printStackTrace();
        private UnaryOperator<StepQueue> wrapQueue = UnaryOperator.identity();
        private BiConsumer<StepMessage, RuntimeException> onFailure = StepPoller.QUIET;
        private boolean queuesInBackground;
        private CompletableFuture<?> dynamoReady = CompletableFuture.completedFuture(null);
        private CompletableFuture<?> sqsReady = CompletableFuture.completedFuture(null);

        private Builder(URI dynamoEndpoint, URI sqsEndpoint) {
            this.dynamoEndpoint = dynamoEndpoint;
            this.sqsEndpoint = sqsEndpoint;
        }

        public Builder table(String name) {
            table = name;
            return this;
        }

        public Builder queue(String name) {
            queue = name;
            return this;
        }

        public Builder workers(int count) {
            workers = count;
            return this;
        }

        public Builder waitSeconds(int seconds) {
            waitSeconds = seconds;
            return this;
        }

        public Builder visibilityTimeoutSeconds(int seconds) {
            visibilityTimeoutSeconds = seconds;
            return this;
        }

        public Builder options(RuntimeOptions value) {
            options = value;
            return this;
        }

        public Builder tasks(TaskExecutor executor) {
            tasks = executor;
            return this;
        }

        /** Mocked service integrations (Step Functions Local's MockConfigFile); null for none. */
        public Builder mocks(MockConfigFile config) {
            mocks = config;
            return this;
        }

        /**
         * Where the default task integrations call (ignored when {@link #tasks} is set); DynamoDB
         * and SQS default to the runtime's own endpoints, so a sendMessage reaches the same emulator.
         */
        public Builder integrations(IntegrationConfig config) {
            integrations = config;
            return this;
        }

        IntegrationConfig integrationConfig() {
            IntegrationConfig base = integrations != null ? integrations
                    : IntegrationConfig.aws(options.region(), options.accountId());
            return base.withDefaultEndpoint(IntegrationConfig.DYNAMODB, dynamoEndpoint)
                    .withDefaultEndpoint(IntegrationConfig.SQS, sqsEndpoint);
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** Measures the capacity the runtime's requests consume (the bench's cost lines). */
        public Builder meter(CapacityMeter capacity) {
            meter = capacity;
            return this;
        }

        /** Sees every chunk of history the runtime commits, from its first. */
        public Builder listener(StepListener listener) {
            listeners.add(listener);
            return this;
        }

        /** Where the API reports a request it should have handled but failed on. */
        public Builder bugs(Consumer<Throwable> report) {
            bugs = report;
            return this;
        }

        public Builder wrapStore(UnaryOperator<Store> wrap) {
            wrapStore = wrap;
            return this;
        }

        public Builder wrapQueue(UnaryOperator<StepQueue> wrap) {
            wrapQueue = wrap;
            return this;
        }

        public Builder onFailure(BiConsumer<StepMessage, RuntimeException> listener) {
            onFailure = listener;
            return this;
        }

        /**
         * Completes when each endpoint answers ({@link Emulators#ready}): the clients are built
         * meanwhile, and the table and queues are created as soon as their service is up.
         */
        public Builder ready(CompletableFuture<?> dynamo, CompletableFuture<?> sqs) {
            dynamoReady = dynamo;
            sqsReady = sqs;
            return this;
        }

        /**
         * Returns from {@link #start} once the table exists, while the queues are still being
         * made (the step queue's first message waits for them): a command registers its state
         * machine and starts its execution meanwhile. A failure to make them surfaces there.
         */
        public Builder queuesInBackground() {
            queuesInBackground = true;
            return this;
        }

        public LocalRuntime start() {
            return new LocalRuntime(this);
        }
    }
}
