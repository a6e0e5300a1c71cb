package dev.stepwise.api.teststate;

import dev.stepwise.engine.TaskResource;
import java.util.Map;
import java.util.Optional;

/**
 * The response models of Stepwise's optimised integrations, from the AWS SDK's response classes.
 * Only the request-response pattern has one: a callback's result is whatever SendTaskSuccess gave,
 * and a {@code .sync} result is the job's description.
 */
public final class OptimizedIntegrationModels implements ResultModels {
    private static final Map<String, ResultModel> MODELS = Map.of(
            "lambda:invoke", ResultModel.of(software.amazon.awssdk.services.lambda.model.InvokeResponse.builder()),
            "sqs:sendMessage", ResultModel.of(software.amazon.awssdk.services.sqs.model.SendMessageResponse.builder()),
            "dynamodb:getItem", ResultModel.of(software.amazon.awssdk.services.dynamodb.model.GetItemResponse.builder()),
            "dynamodb:putItem", ResultModel.of(software.amazon.awssdk.services.dynamodb.model.PutItemResponse.builder()),
            "dynamodb:updateItem", ResultModel.of(software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse.builder()),
            "dynamodb:deleteItem", ResultModel.of(software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse.builder()),
            "sns:publish", ResultModel.of(software.amazon.awssdk.services.sns.model.PublishResponse.builder()),
            "events:putEvents", ResultModel.of(software.amazon.awssdk.services.eventbridge.model.PutEventsResponse.builder()),
            // API reference, StartExecution: executionArn and startDate are required in the response.
            "states:startExecution", ResultModel.of(software.amazon.awssdk.services.sfn.model.StartExecutionResponse.builder(),
                    "executionArn", "startDate"));

    private final String region;

    public OptimizedIntegrationModels(String region) {
        this.region = region;
    }

    @Override
    public Optional<ResultModel> of(String resource) {
        TaskResource.Pattern pattern = TaskResource.Pattern.of(resource);
        if (pattern != TaskResource.Pattern.REQUEST_RESPONSE) {
            return Optional.empty();
        }
        TaskResource parsed = TaskResource.of(resource, region);
        if (parsed.kind() != TaskResource.Kind.SERVICE) {
            return Optional.empty();
        }
        return Optional.ofNullable(MODELS.get(parsed.resourceType() + ":" + parsed.resource()));
    }
}
