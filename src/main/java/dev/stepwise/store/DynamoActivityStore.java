package dev.stepwise.store;

import dev.stepwise.asl.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Activities on the execution table. Key schema (beside {@link DynamoExecutionStore}'s):
 * <pre>
 * pk (S)                 sk (S)                       item
 * "ACTIVITIES"           activityArn                  name, created
 * "AQ#" activityArn      scheduled "#" token          a task waiting for a worker: token, input,
 *                                                     execution, step (deleted by the worker that takes it)
 * </pre>
 */
public final class DynamoActivityStore implements ActivityStore {
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String ACTIVITIES = "ACTIVITIES";
    private static final String QUEUE = "AQ#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoActivityStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Activity create(Activity activity) {
        Map<String, AttributeValue> item = new HashMap<>(key(ACTIVITIES, activity.arn()));
        item.put("name", AttributeValue.fromS(activity.name()));
        item.put("created", AttributeValue.fromS(activity.creationDate().toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return activity;
        } catch (ConditionalCheckFailedException exists) {
            return find(activity.arn()).orElse(activity);
        }
    }

    @Override
    public Optional<Activity> find(String arn) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(ACTIVITIES, arn)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(activity(item));
    }

    @Override
    public void delete(String arn) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(ACTIVITIES, arn)));
    }

    @Override
    public List<Activity> list() {
        List<Activity> activities = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var response = dynamo.query(b -> {
                b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ACTIVITIES))).consistentRead(true);
                if (from != null) {
                    b.exclusiveStartKey(from);
                }
            });
            response.items().forEach(item -> activities.add(activity(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return activities;
    }

    @Override
    public void offer(String activityArn, Instant scheduled, ActivityTask task) {
        Map<String, AttributeValue> item = new HashMap<>(key(QUEUE + activityArn,
                String.format("%015d", scheduled.toEpochMilli()) + "#" + task.token()));
        item.put("token", AttributeValue.fromS(task.token()));
        item.put("input", AttributeValue.fromS(Json.write(task.input())));
        item.put("exec", AttributeValue.fromS(task.executionArn()));
        item.put("step", AttributeValue.fromS(task.stepKey()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<ActivityTask> take(String activityArn) {
        var response = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(QUEUE + activityArn)))
                .consistentRead(true).limit(10));
        for (Map<String, AttributeValue> item : response.items()) {
            try {
                dynamo.deleteItem(b -> b.tableName(table).key(key(QUEUE + activityArn, item.get(SK).s()))
                        .conditionExpression("attribute_exists(pk)"));
            } catch (ConditionalCheckFailedException taken) {
                continue; // another worker took it first
            }
            return Optional.of(new ActivityTask(item.get("token").s(), Json.parse(item.get("input").s()),
                    item.get("exec").s(), item.get("step").s()));
        }
        return Optional.empty();
    }

    private static Activity activity(Map<String, AttributeValue> item) {
        return new Activity(item.get(SK).s(), item.get("name").s(), Instant.parse(item.get("created").s()));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
