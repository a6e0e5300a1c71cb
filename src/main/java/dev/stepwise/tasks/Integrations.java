package dev.stepwise.tasks;

import dev.stepwise.asl.StatesError;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.ItemReading;
import dev.stepwise.engine.ResultWriting;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.engine.TaskResource;
import dev.stepwise.tasks.awssdk.AwsSdkCalls;
import dev.stepwise.tasks.s3.S3ItemReading;
import dev.stepwise.tasks.s3.S3ResultWriting;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Task resources Stepwise calls itself: Lambda function ARNs, the request-response
 * service integrations below, chosen by an explicit registry from {@code service:action}, and
 * the AWS SDK integrations ({@code aws-sdk:SERVICE:ACTION}, {@link AwsSdkIntegration}). A
 * {@code .waitForTaskToken} resource is called the same way (the token is already in the
 * parameters; the runtime waits for it afterwards). Nested executions
 * ({@code states:startExecution*}) and activities are the runtime's; the {@code .sync} patterns of
 * other services are not supported and fail the task saying so.
 */
public final class Integrations implements TaskExecutor {
    private final IntegrationConfig config;
    private final Map<String, ServiceIntegration> services;
    private final LambdaFunction lambdaFunction;
    private final AwsSdkIntegration awsSdk;

    private final S3ItemReading itemReading;
    private final S3ResultWriting resultWriting;

    private Integrations(IntegrationConfig config, Map<String, ServiceIntegration> services, LambdaFunction lambdaFunction,
                         AwsSdkIntegration awsSdk, Function<String, S3Client> s3) {
        this.config = config;
        this.services = services;
        this.lambdaFunction = lambdaFunction;
        this.awsSdk = awsSdk;
        this.itemReading = new S3ItemReading(s3);
        this.resultWriting = new S3ResultWriting(s3);
    }

    /** The configured S3 endpoint's client (AWS's in each region without one), one per region. */
    private static Function<String, S3Client> s3Clients(IntegrationConfig config, RequestCounter counter) {
        Map<String, S3Client> clients = new ConcurrentHashMap<>();
        return region -> clients.computeIfAbsent(region, r -> new AwsClients(r, counter).s3(config.endpoint(IntegrationConfig.S3).orElse(null)));
    }

    @Override
    public ItemReading itemReading() {
        return itemReading;
    }

    @Override
    public ResultWriting resultWriting() {
        return resultWriting;
    }

    public static Integrations create(IntegrationConfig config) {
        return create(config, new RequestCounter());
    }

    /** {@code counter} counts the S3 requests of Distributed Maps' readers and writers (the bench's per-item requests). */
    public static Integrations create(IntegrationConfig config, RequestCounter counter) {
        SharedHttpClient http = new SharedHttpClient();
        AwsCall aws = new AwsCall(config, http);
        LambdaInvoker lambda = new LambdaInvoker(aws);
        AwsSdkCalls sdk = new AwsSdkCalls(config::endpoint);
        Map<String, ServiceIntegration> services = Map.ofEntries(
                Map.entry("lambda:invoke", new LambdaInvoke(lambda)),
                Map.entry("sqs:sendMessage", new SqsSendMessage(aws)),
                Map.entry("dynamodb:getItem", new DynamoDbGetItem(aws)),
                Map.entry("dynamodb:putItem", new DynamoDbPutItem(aws)),
                Map.entry("dynamodb:updateItem", new DynamoDbUpdateItem(aws)),
                Map.entry("dynamodb:deleteItem", new DynamoDbDeleteItem(aws)),
                Map.entry("sns:publish", new SnsPublish(aws)),
                Map.entry("events:putEvents", new EventBridgePutEvents(aws)),
                Map.entry("s3:getObject", new S3GetObject(sdk)),
                Map.entry("s3:putObject", new S3PutObject(sdk)),
                Map.entry("http:invoke", new HttpInvoke(http, config)));
        return new Integrations(config, services, new LambdaFunction(lambda), new AwsSdkIntegration(sdk), s3Clients(config, counter));
    }

    public IntegrationConfig config() {
        return config;
    }

    @Override
    public Resumption execute(TaskRequest request, String idempotencyKey) {
        return execute(request, idempotencyKey, HttpExchange.UNWATCHED);
    }

    @Override
    public Resumption execute(TaskRequest request, String idempotencyKey, Consumer<HttpExchange> watcher) {
        return TaskDeadline.within(request, () -> call(request, idempotencyKey, watcher));
    }

    private Resumption call(TaskRequest request, String idempotencyKey, Consumer<HttpExchange> watcher) {
        String resource = request.resource();
        TaskResource.Pattern pattern = request.pattern();
        String called = pattern.strip(resource);
        TaskResource parsed = TaskResource.of(called, config.region());
        try {
            switch (parsed.kind()) {
                case LAMBDA_FUNCTION -> {
                    return lambdaFunction.call(new TaskCall(request, request.parameters(), idempotencyKey, parsed.region()));
                }
                case ACTIVITY -> {
                    return unsupported(resource, "activities are run by the runtime, not by a task integration");
                }
                default -> {
                    String action = parsed.resourceType() + ":" + parsed.resource();
                    if (action.startsWith("states:startExecution")) {
                        return unsupported(resource, "nested executions are run by the runtime, not by a task integration");
                    }
                    if (pattern == TaskResource.Pattern.RUN_JOB || pattern == TaskResource.Pattern.RUN_JOB_JSON) {
                        return unsupported(resource, "the run-a-job pattern ('" + pattern.suffix()
                                + "') is not supported for this service");
                    }
                    if (parsed.resourceType().startsWith(TaskResource.AWS_SDK)) {
                        return awsSdk.call(new TaskCall(request, request.parameters(), idempotencyKey, parsed.region()),
                                parsed.resourceType().substring(TaskResource.AWS_SDK.length()), parsed.resource());
                    }
                    ServiceIntegration service = services.get(action);
                    if (service == null) {
                        return unsupported(resource, "the supported resources are Lambda function ARNs, arn:aws:states:::"
                                + String.join(", arn:aws:states:::", new TreeSet<>(services.keySet()))
                                + " (each also with .waitForTaskToken) and arn:aws:states:::aws-sdk:SERVICE:ACTION");
                    }
                    return service.call(new TaskCall(request, request.parameters(), idempotencyKey, parsed.region(), watcher));
                }
            }
        } catch (RuntimeException bug) {
            // An integration's own defect must not take the step worker down: the task fails, visibly.
            return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(), "The integration for '" + resource
                    + "' failed unexpectedly: " + bug);
        }
    }

    private static Resumption.TaskFailed unsupported(String resource, String why) {
        return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(),
                "The resource '" + resource + "' is not supported by Stepwise: " + why);
    }
}
