package dev.stepwise.store;

import dev.stepwise.store.dynamo.DynamoActivityStore;
import dev.stepwise.store.dynamo.DynamoDefinitions;
import dev.stepwise.store.dynamo.DynamoHeaders;
import dev.stepwise.store.dynamo.DynamoJoins;
import dev.stepwise.store.dynamo.DynamoRecords;
import dev.stepwise.store.dynamo.DynamoStepItems;
import dev.stepwise.store.memory.MemoryTable;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store's ports by intent, on one backend: DynamoDB ({@link #dynamo}) or this process's
 * memory ({@link #inMemory}), which keeps the same items with the same conditional writes.
 */
public record Store(Headers headers, StepItems steps, Joins joins, Definitions definitions, Records records,
                    ActivityStore activities) {

    /** AWS keeps a closed Standard execution's history for 90 days. */
    public static final Duration AWS_RETENTION = Duration.ofDays(90);

    public static Store dynamo(DynamoDbClient client, String tableName, Duration retention) {
        DynamoTable table = new DynamoTable(client, tableName);
        return new Store(new DynamoHeaders(table, retention), new DynamoStepItems(table), new DynamoJoins(table),
                new DynamoDefinitions(table), new DynamoRecords(table), new DynamoActivityStore(table));
    }

    public static Store dynamo(DynamoDbClient client, String tableName) {
        return dynamo(client, tableName, AWS_RETENTION);
    }

    public static Store inMemory() {
        return new MemoryTable().store();
    }
}
