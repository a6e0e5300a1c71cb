package dev.stepwise.store.dynamo;

import static dev.stepwise.store.TableLayout.*;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table as local runs and tests create it (the SAM template declares the same for AWS):
 * keys {@code pk}/{@code sk} and the two listing indexes. The indexes carry what ListExecutions
 * shows and nothing larger: never the (up to 256 KiB) output.
 */
public final class DynamoSchema {
    /** The header attributes the listing indexes project (the SAM template lists the same). */
    public static final String[] LISTED = {NAME, MACHINE, MACHINE_NAME, ROLE_ARN, STATUS, START, STOP, REDRIVE_COUNT,
            REDRIVE_DATE, API_RECORD};

    private DynamoSchema() {
    }

    /** Creates the table unless it exists, and waits until it is active. */
    public static void createTableIfMissing(DynamoDbClient dynamo, String table) {
        try {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr(PK), attr(SK), attr(LIST_MACHINE), attr(LIST_ORDER), attr(LIST_STATUS))
                    .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                    .globalSecondaryIndexes(listing(BY_MACHINE, LIST_MACHINE), listing(BY_STATUS, LIST_STATUS)));
        } catch (ResourceInUseException exists) {
            // created by an earlier run
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    private static GlobalSecondaryIndex listing(String name, String hash) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(hash, KeyType.HASH), key(LIST_ORDER, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(LISTED).build()).build();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
