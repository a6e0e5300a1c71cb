package dev.stepwise.tasks;

import dev.stepwise.engine.Resumption;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB item integrations ({@code arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem}):
 * the request is the API's JSON (attribute values typed, {@code {"S": "..."}}) and so is the result,
 * with SDK 1.x's metadata, as recorded on AWS.
 */
abstract class DynamoDbItemAction implements ServiceIntegration {
    private final JsonProtocol dynamo;
    private final String operation;
    private final List<String> parameters;

    DynamoDbItemAction(AwsCall aws, String operation, List<String> parameters) {
        this.dynamo = new JsonProtocol(aws, AwsService.DYNAMODB, "DynamoDB_20120810", "application/x-amz-json-1.0", Map.of());
        this.operation = operation;
        this.parameters = parameters;
    }

    @Override
    public final Resumption call(TaskCall call) {
        JsonProtocol.Outcome outcome = dynamo.call(call, operation, call.pick(parameters));
        return outcome.failure() != null ? outcome.failure() : JsonProtocol.withMetadata(outcome.response());
    }
}
