package dev.stepwise.tasks;

import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.engine.TaskResource;
import java.util.Map;
import java.util.TreeSet;

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

    private Integrations(IntegrationConfig config, Map<String, ServiceIntegration> services, LambdaFunction lambdaFunction,
                         AwsSdkIntegration awsSdk) {
        this.config = config;
        this.services = services;
        this.lambdaFunction = lambdaFunction;
        this.awsSdk = awsSdk;
    }

    public static Integrations create(IntegrationConfig config) {
        SharedHttpClient http = new SharedHttpClient();
        AwsCall aws = new AwsCall(config, http);
        LambdaInvoker lambda = new LambdaInvoker(aws);
        Map<String, ServiceIntegration> services = Map.of(
                "lambda:invoke", new LambdaInvoke(lambda),
                "sqs:sendMessage", new SqsSendMessage(aws),
                "dynamodb:getItem", new DynamoDbGetItem(aws),
                "dynamodb:putItem", new DynamoDbPutItem(aws),
                "dynamodb:updateItem", new DynamoDbUpdateItem(aws),
                "dynamodb:deleteItem", new DynamoDbDeleteItem(aws),
                "sns:publish", new SnsPublish(aws),
                "events:putEvents", new EventBridgePutEvents(aws),
                "http:invoke", new HttpInvoke(http, config));
        return new Integrations(config, services, new LambdaFunction(lambda), new AwsSdkIntegration(config));
    }

    public IntegrationConfig config() {
        return config;
    }

    @Override
    public Resumption execute(TaskRequest request, String idempotencyKey) {
        return TaskDeadline.within(request, () -> call(request, idempotencyKey));
    }

    private Resumption call(TaskRequest request, String idempotencyKey) {
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
                    return service.call(new TaskCall(request, request.parameters(), idempotencyKey, parsed.region()));
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
