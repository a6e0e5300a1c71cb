package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.store.Headers;
import dev.stepwise.store.StartRecord;
import dev.stepwise.store.Store;
import dev.stepwise.store.TableLayout;
import dev.stepwise.store.dynamo.DynamoSchema;
import dev.stepwise.store.ExecutionHeader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A finished execution's header carries the TTL attribute the SAM template enables, so DynamoDB
 * deletes it after the retention (AWS keeps closed Standard executions for 90 days); a running
 * one carries none. Every other item of an execution (its steps, its Map Runs' pages and
 * counters, its children's items) carries one from its write: the retention plus two years, the
 * longest an execution and its redrive keep needing it.
 */
class FinishedExecutionRetentionTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:kept";

    private final DynamoDbClient dynamo = new AwsClients("us-east-1", new RequestCounter()).dynamoDb(SharedEmulators.dynamo());

    @Test
    void aFinishedExecutionExpiresNinetyDaysAfterItsStopDateByDefault() {
        String table = SharedEmulators.uniqueQueue("retention");
        DynamoSchema.createTableIfMissing(dynamo, table);
        Headers store = Store.dynamo(dynamo, table).headers();
        String arn = "arn:aws:states:us-east-1:123456789012:execution:kept:one";
        Instant start = Instant.parse("2026-11-25T18:00:00Z");
        store.create(start(arn, start));
        assertFalse(header(table, arn).containsKey(TableLayout.TTL));

        Instant stop = Instant.parse("2026-11-25T18:00:05Z");
        store.finish(arn, MACHINE, ExecutionStatus.SUCCEEDED, stop, Json.parse("{}"), null, null);
        // 2026-11-25T18:00:05Z + 90 days = 2027-02-23T18:00:05Z
        assertEquals(String.valueOf(Instant.parse("2027-02-23T18:00:05Z").getEpochSecond()),
                header(table, arn).get(TableLayout.TTL).n());
    }

    @Test
    void theRetentionIsConfigurable() {
        String table = SharedEmulators.uniqueQueue("retention");
        DynamoSchema.createTableIfMissing(dynamo, table);
        Headers store = Store.dynamo(dynamo, table, Duration.ofDays(7)).headers();
        String arn = "arn:aws:states:us-east-1:123456789012:execution:kept:two";
        store.create(start(arn, Instant.parse("2026-11-25T18:00:00Z")));
        store.finish(arn, MACHINE, ExecutionStatus.FAILED, Instant.parse("2026-11-25T18:01:00Z"), null, "States.TaskFailed", "x");
        assertEquals(String.valueOf(Instant.parse("2026-12-02T18:01:00Z").getEpochSecond()),
                header(table, arn).get(TableLayout.TTL).n());
    }

    @Test
    void everyItemOfAnExecutionAndOfItsMapRunExpiresWithTheTable() throws Exception {
        String table = SharedEmulators.uniqueQueue("retention");
        try (dev.stepwise.local.LocalRuntime local = dev.stepwise.local.LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .table(table).queue(SharedEmulators.uniqueQueue("retention")).tasks(TestTasks.INSTANCE).start()) {
            String machine = local.runtime().createStateMachine("kept" + System.nanoTime(), """
                    {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "arn:aws:iam::123456789012:role/test");
            Instant before = Instant.now();
            String arn = local.runtime().startExecution(machine, "e" + System.nanoTime(), Json.parse("[1, 2, 3]"));
            assertEquals(ExecutionStatus.SUCCEEDED, local.awaitEnd(arn, Duration.ofSeconds(30)).status());
            long earliest = before.plus(Duration.ofDays(2 * 365 + 90)).getEpochSecond();
            int items = 0;
            for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table)).items()) {
                String sk = item.get(TableLayout.SK).s();
                if (sk.startsWith(TableLayout.CURRENT_REVISION)) {
                    continue; // definitions outlive executions
                }
                items++;
                assertTrue(item.containsKey(TableLayout.TTL), "no ttl on " + item.get(TableLayout.PK).s() + " " + sk);
                if (!sk.equals(TableLayout.HEADER)) {
                    assertTrue(Long.parseLong(item.get(TableLayout.TTL).n()) >= earliest, "expires too soon: " + sk);
                }
            }
            assertTrue(items > 20, "the execution, its run and 3 children wrote " + items + " items");
        }
    }

    private static StartRecord start(String arn, Instant start) {
        return new StartRecord(arn, arn.substring(arn.lastIndexOf(':') + 1), MACHINE, "r1", "kept",
                "arn:aws:iam::123456789012:role/test", start, null, MACHINE, "{}", null);
    }

    private Map<String, AttributeValue> header(String table, String arn) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(arn), "sk", AttributeValue.fromS("EXEC")))).item();
    }
}
