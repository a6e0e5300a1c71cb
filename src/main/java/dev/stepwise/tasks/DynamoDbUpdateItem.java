package dev.stepwise.tasks;

import java.util.List;

/** {@code arn:aws:states:::dynamodb:updateItem}. */
final class DynamoDbUpdateItem extends DynamoDbItemAction {
    DynamoDbUpdateItem(AwsCall aws) {
        super(aws, "UpdateItem", List.of("TableName", "Key", "AttributeUpdates", "ConditionExpression", "ConditionalOperator",
                "Expected", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnConsumedCapacity",
                "ReturnItemCollectionMetrics", "ReturnValues", "ReturnValuesOnConditionCheckFailure", "UpdateExpression"));
    }
}
