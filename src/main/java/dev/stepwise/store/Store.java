package dev.stepwise.store;

import dev.stepwise.store.dynamo.DynamoActivityStore;
import dev.stepwise.store.dynamo.DynamoDefinitions;
import dev.stepwise.store.dynamo.DynamoHeaders;
import dev.stepwise.store.dynamo.DynamoJoins;
import dev.stepwise.store.dynamo.DynamoRecords;
import dev.stepwise.store.dynamo.DynamoRunCounters;
import dev.stepwise.store.dynamo.DynamoStepItems;
import dev.stepwise.store.memory.MemoryTable;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store's ports by intent, on one backend: DynamoDB ({@link #dynamo}) or this process's
 * memory ({@link #inMemory}), which keeps the same items with the same conditional writes.
 */
public record Store(Headers headers, StepItems steps, Joins joins, RunCounters counters, Definitions definitions,
                    Records records, ActivityStore activities) {

    /** AWS keeps a closed Standard execution's history for 90 days. */
    public static final Duration AWS_RETENTION = Duration.ofDays(90);

    /**
     * An execution stays open at most a year, and a redrive must come within a year of its start:
     * an item of an execution written now is never needed after two years plus the retention.
     */
    static final Duration LONGEST_LIFE = Duration.ofDays(2 * 365);

    /**
     * {@code retention}: a finished execution's header expires this long after its stop; every
     * other item of an execution expires this long plus {@link #LONGEST_LIFE} after it was written.
     */
    public static Store dynamo(DynamoDbClient client, String tableName, Duration retention) {
        DynamoTable table = new DynamoTable(client, tableName);
        DynamoTable expiring = new DynamoTable(client, tableName, LONGEST_LIFE.plus(retention));
        return new Store(new DynamoHeaders(expiring, retention), new DynamoStepItems(expiring), new DynamoJoins(table),
                new DynamoRunCounters(expiring), new DynamoDefinitions(table), new DynamoRecords(table), new DynamoActivityStore(table));
    }

    public static Store dynamo(DynamoDbClient client, String tableName) {
        return dynamo(client, tableName, AWS_RETENTION);
    }

    public static Store inMemory() {
        return new MemoryTable().store();
    }
}
