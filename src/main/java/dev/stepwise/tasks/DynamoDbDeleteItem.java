package dev.stepwise.tasks;

import java.util.List;

/** {@code arn:aws:states:::dynamodb:deleteItem}. */
final class DynamoDbDeleteItem extends DynamoDbItemAction {
    DynamoDbDeleteItem(AwsCall aws) {
        super(aws, "DeleteItem", List.of("TableName", "Key", "ConditionExpression", "ConditionalOperator", "Expected",
                "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnConsumedCapacity",
                "ReturnItemCollectionMetrics", "ReturnValues", "ReturnValuesOnConditionCheckFailure"));
    }
}
