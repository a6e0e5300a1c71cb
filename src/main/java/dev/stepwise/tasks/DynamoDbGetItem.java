package dev.stepwise.tasks;

import java.util.List;

/** {@code arn:aws:states:::dynamodb:getItem}. */
final class DynamoDbGetItem extends DynamoDbItemAction {
    DynamoDbGetItem(AwsCall aws) {
        super(aws, "GetItem", List.of("TableName", "Key", "AttributesToGet", "ConsistentRead", "ExpressionAttributeNames",
                "ProjectionExpression", "ReturnConsumedCapacity"));
    }
}
