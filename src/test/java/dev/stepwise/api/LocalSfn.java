package dev.stepwise.api;

import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.InMemoryRunner;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.ApiServer;
import dev.stepwise.local.DurableApi;
import dev.stepwise.local.MemoryApi;
import dev.stepwise.local.Emulators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A local API server on a free port with in-memory or durable ports, and the real AWS SDK client
 * pointed at it. Tasks whose resource ARN ends in ":echo" succeed with their input; others fail
 * with States.TaskFailed, so tests can take both paths. The durable backend runs on the emulators
 * shared by the test JVM, with a table and queue of its own per server.
 */
final class LocalSfn implements AutoCloseable {
    /** Which ports the server runs on; a test class runs on IN_MEMORY, its Durable* subclass on DURABLE. */
    enum Backend { IN_MEMORY, DURABLE }

    static final String ROLE = "arn:aws:iam::123456789012:role/stepwise-test";
    static final String PASS = """
            {"Comment": "BASE_PASS_RESULT", "StartAt": "State_1",
             "States": {"State_1": {"Type": "Pass", "Result": {"Arg1": "argument1"}, "End": true}}}""";

    final ApiServer server;
    final SfnClient sfn;
    final List<Throwable> bugs = new ArrayList<>();
    private final AutoCloseable ports;

    LocalSfn() {
        this(Backend.IN_MEMORY);
    }

    LocalSfn(Backend backend) {
        this(backend, null);
    }

    /** In memory, with {@code testStateTasks} as what TestState's Task states call (null: the echo/fail tasks). */
    LocalSfn(dev.stepwise.tasks.TaskExecutor testStateTasks) {
        this(Backend.IN_MEMORY, testStateTasks);
    }

    private LocalSfn(Backend backend, dev.stepwise.tasks.TaskExecutor testStateTasks) {
        this(backend, testStateTasks, false);
    }

    /**
     * The durable backend whose Distributed Maps read and export through the real S3 integration,
     * on the embedded S3 server (Task states still echo or fail).
     */
    static LocalSfn durableWithS3() {
        return new LocalSfn(Backend.DURABLE, null, true);
    }

    /** The shared embedded S3 server's endpoint. */
    static URI s3Endpoint() {
        return emulators().endpoint(Emulators.S3);
    }

    private LocalSfn(Backend backend, dev.stepwise.tasks.TaskExecutor testStateTasks, boolean s3) {
        Clock clock = Clock.systemUTC();
        InMemoryRunner.TaskExecutor tasks = request -> request.pattern().strip(request.resource()).endsWith(":echo")
                ? new Resumption.TaskSucceeded(request.parameters())
                : new Resumption.TaskFailed("States.TaskFailed", "the test task failed");
        ApiContext context;
        if (backend == Backend.DURABLE) {
            String name = "api-" + ProcessHandle.current().pid() + "-" + SERVERS.incrementAndGet();
            dev.stepwise.tasks.TaskExecutor durableTasks = (request, key) -> tasks.execute(request);
            if (s3) {
                dev.stepwise.tasks.Integrations real = dev.stepwise.tasks.Integrations.create(
                        dev.stepwise.tasks.IntegrationConfig.aws("us-east-1", "123456789012").withEndpoints(emulators().endpoints()));
                durableTasks = new dev.stepwise.tasks.TaskExecutor() {
                    @Override
                    public Resumption execute(dev.stepwise.engine.TaskRequest request, String key) {
                        return tasks.execute(request);
                    }

                    @Override
                    public dev.stepwise.engine.ItemReading itemReading() {
                        return real.itemReading();
                    }

                    @Override
                    public dev.stepwise.engine.ResultWriting resultWriting() {
                        return real.resultWriting();
                    }
                };
            }
            DurableApi durable = DurableApi.start(ApiConfig.defaults(), emulators().endpoint(Emulators.DYNAMODB),
                    emulators().endpoint(Emulators.SQS), name, name, durableTasks, false);
            ports = durable;
            context = durable.context();
        } else {
            // The same durable runtime on the store's and the queue's in-memory adapters.
            MemoryApi memory = MemoryApi.start(ApiConfig.defaults(), (request, key) -> tasks.execute(request), null, 1.0,
                    bugs::add);
            ports = memory;
            context = memory.context();
        }
        try {
            dev.stepwise.tasks.TaskExecutor apiTasks = testStateTasks != null ? testStateTasks : (request, key) -> tasks.execute(request);
            server = ApiServer.start(new StepFunctionsApi(context, apiTasks, bugs::add), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sfn = SfnClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        // TestState and StartSyncExecution are sent to "sync-<host>" unless told not to.
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    String createMachine(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    /**
     * Polls until the execution has ended (in-memory executions of Pass states end within
     * milliseconds); the minute is for a CI machine under load, not what a test expects.
     */
    DescribeExecutionResponse awaitEnd(String executionArn) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING || System.nanoTime() > until) {
                return execution;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return execution;
            }
        }
    }

    /** An execution's whole history (up to 1,000 events), oldest first. */
    java.util.List<software.amazon.awssdk.services.sfn.model.HistoryEvent> history(String executionArn) {
        return sfn.getExecutionHistory(b -> b.executionArn(executionArn).maxResults(1000)).events();
    }

    /** The types of an execution's events, oldest first. */
    java.util.List<String> types(String executionArn) {
        return history(executionArn).stream().map(software.amazon.awssdk.services.sfn.model.HistoryEvent::typeAsString).toList();
    }

    /** A raw protocol call, for what the SDK would never send. */
    HttpResponse<String> post(String target, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger SERVERS = new java.util.concurrent.atomic.AtomicInteger();

    private static Emulators emulators() {
        return dev.stepwise.local.TestEmulators.get();
    }

    URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        sfn.close();
        server.close();
        try {
            ports.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
