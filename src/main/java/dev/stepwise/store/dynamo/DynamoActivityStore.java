package dev.stepwise.store.dynamo;

import static dev.stepwise.store.TableLayout.ACTIVITIES;
import static dev.stepwise.store.TableLayout.ACTIVITY_QUEUE;
import static dev.stepwise.store.TableLayout.PK;
import static dev.stepwise.store.TableLayout.SK;

import dev.stepwise.asl.Json;
import dev.stepwise.store.ActivityStore;
import dev.stepwise.store.DynamoTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Activities on the table ({@link dev.stepwise.store.TableLayout}): an activity is an item of the
 * {@code ACTIVITIES} partition; a task waiting for a worker is an item of {@code "AQ#" + activity}
 * (token, input, execution, step), deleted by the worker that takes it.
 */
public final class DynamoActivityStore implements ActivityStore {
    private static final String NAME = "name";
    private static final String CREATED = "created";
    private static final String TOKEN = "token";
    private static final String INPUT = "input";
    private static final String EXECUTION = "exec";
    private static final String STEP = "step";

    private final DynamoTable table;

    public DynamoActivityStore(DynamoTable table) {
        this.table = table;
    }

    @Override
    public Activity create(Activity activity) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(ACTIVITIES, activity.arn()));
        item.put(NAME, AttributeValue.fromS(activity.name()));
        item.put(CREATED, AttributeValue.fromS(activity.creationDate().toString()));
        return table.putIfAbsent(item) ? activity : find(activity.arn()).orElse(activity);
    }

    @Override
    public Optional<Activity> find(String arn) {
        return Optional.ofNullable(table.get(ACTIVITIES, arn, true)).map(DynamoActivityStore::activity);
    }

    @Override
    public void delete(String arn) {
        table.delete(ACTIVITIES, arn, false);
    }

    @Override
    public List<Activity> list() {
        return table.queryAll(QueryRequest.builder().keyConditionExpression(PK + " = :pk").consistentRead(true)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ACTIVITIES))).build())
                .stream().map(DynamoActivityStore::activity).toList();
    }

    @Override
    public void offer(String activityArn, Instant scheduled, ActivityTask task) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(ACTIVITY_QUEUE + activityArn,
                String.format("%015d", scheduled.toEpochMilli()) + "#" + task.token()));
        item.put(TOKEN, AttributeValue.fromS(task.token()));
        DynamoTable.putText(item, INPUT, Json.write(task.input()));
        item.put(EXECUTION, AttributeValue.fromS(task.executionArn()));
        item.put(STEP, AttributeValue.fromS(task.stepKey()));
        table.put(item);
    }

    @Override
    public Optional<ActivityTask> take(String activityArn) {
        List<Map<String, AttributeValue>> waiting = new java.util.ArrayList<>();
        table.query(QueryRequest.builder().keyConditionExpression(PK + " = :pk").consistentRead(true).limit(10)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ACTIVITY_QUEUE + activityArn))).build(), 10, waiting::add);
        for (Map<String, AttributeValue> item : waiting) {
            if (!table.delete(ACTIVITY_QUEUE + activityArn, item.get(SK).s(), true)) {
                continue; // another worker took it first
            }
            return Optional.of(new ActivityTask(item.get(TOKEN).s(), Json.parse(table.text(item, INPUT)),
                    item.get(EXECUTION).s(), item.get(STEP).s()));
        }
        return Optional.empty();
    }

    private static Activity activity(Map<String, AttributeValue> item) {
        return new Activity(item.get(SK).s(), item.get(NAME).s(), Instant.parse(item.get(CREATED).s()));
    }
}
