package dev.stepwise.tasks;

import java.util.List;

/** {@code arn:aws:states:::dynamodb:putItem}. */
final class DynamoDbPutItem extends DynamoDbItemAction {
    DynamoDbPutItem(AwsCall aws) {
        super(aws, "PutItem", List.of("TableName", "Item", "ConditionExpression", "ConditionalOperator", "Expected",
                "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnConsumedCapacity",
                "ReturnItemCollectionMetrics", "ReturnValues", "ReturnValuesOnConditionCheckFailure"));
    }
}
