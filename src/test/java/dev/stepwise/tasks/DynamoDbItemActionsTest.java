package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.Emulators;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** dynamodb:putItem/getItem/updateItem/deleteItem against dynalite, with the API's JSON in and out. */
class DynamoDbItemActionsTest {
    private static final String TABLE = "items-" + System.nanoTime();
    private static Integrations integrations;

    @BeforeAll
    static void start() {
        URI endpoint = TaskEmulators.get().endpoint(Emulators.DYNAMODB);
        try (DynamoDbClient dynamo = new AwsClients("us-east-1", new RequestCounter()).dynamoDb(endpoint)) {
            dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        }
        integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoint(IntegrationConfig.DYNAMODB, endpoint));
    }

    private static JsonNode succeeded(String action, String parameters) {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::dynamodb:" + action,
                parameters.replace("TABLE", TABLE)), "key");
        return assertInstanceOf(Resumption.TaskSucceeded.class, result, result.toString()).output();
    }

    @Test
    void anItemPutByOneTaskIsReadUpdatedAndDeletedByOthers() {
        JsonNode put = succeeded("putItem", """
                {"TableName":"TABLE","Item":{"id":{"S":"a"},"data":{"S":"HelloWorld"}}}""");
        // Recorded on AWS: a putItem result is only SDK 1.x's metadata.
        assertEquals(Json.parse("[\"SdkHttpMetadata\",\"SdkResponseMetadata\"]"), fieldNames(put));
        assertEquals(200, put.at("/SdkHttpMetadata/HttpStatusCode").asInt());

        JsonNode get = succeeded("getItem", "{\"TableName\":\"TABLE\",\"Key\":{\"id\":{\"S\":\"a\"}}}");
        assertEquals(Json.parse("{\"id\":{\"S\":\"a\"},\"data\":{\"S\":\"HelloWorld\"}}"), get.get("Item"));
        assertEquals(Json.parse("[\"Item\",\"SdkHttpMetadata\",\"SdkResponseMetadata\"]"), fieldNames(get));

        JsonNode update = succeeded("updateItem", """
                {"TableName":"TABLE","Key":{"id":{"S":"a"}},"UpdateExpression":"SET #d = :r",
                 "ExpressionAttributeNames":{"#d":"data"},"ExpressionAttributeValues":{":r":{"S":"Updated"}},
                 "ReturnValues":"UPDATED_NEW"}""");
        assertEquals(Json.parse("{\"data\":{\"S\":\"Updated\"}}"), update.get("Attributes"));

        JsonNode delete = succeeded("deleteItem", """
                {"TableName":"TABLE","Key":{"id":{"S":"a"}},"ReturnValues":"ALL_OLD"}""");
        assertEquals(Json.parse("{\"id\":{\"S\":\"a\"},\"data\":{\"S\":\"Updated\"}}"), delete.get("Attributes"));

        JsonNode gone = succeeded("getItem", "{\"TableName\":\"TABLE\",\"Key\":{\"id\":{\"S\":\"a\"}}}");
        assertFalse(gone.has("Item"));
    }

    @Test
    void aFailedConditionIsDynamoDbConditionalCheckFailedExceptionWithSdkOneCause() {
        succeeded("putItem", "{\"TableName\":\"TABLE\",\"Item\":{\"id\":{\"S\":\"c\"}}}");
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::dynamodb:putItem", """
                {"TableName":"%s","Item":{"id":{"S":"c"}},"ConditionExpression":"attribute_not_exists(id)"}""".formatted(TABLE)),
                "key");
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, result);
        assertEquals("DynamoDB.ConditionalCheckFailedException", failed.error());
        assertTrue(failed.cause().matches("The conditional request failed \\(Service: AmazonDynamoDBv2; Status Code: 400; "
                + "Error Code: ConditionalCheckFailedException; Request ID: [^;]*; Proxy: null\\)"), failed.cause());
    }

    @Test
    void aTableThatDoesNotExistIsResourceNotFoundAndAValidationErrorTheGenericException() {
        Resumption missing = integrations.execute(Requests.task("arn:aws:states:::dynamodb:putItem",
                "{\"TableName\":\"no-such-table\",\"Item\":{\"id\":{\"S\":\"x\"}}}"), "key");
        Resumption.TaskFailed notFound = assertInstanceOf(Resumption.TaskFailed.class, missing);
        // Recorded on AWS (test_put_item_no_such_table): DynamoDB.ResourceNotFoundException.
        assertEquals("DynamoDB.ResourceNotFoundException", notFound.error());
        assertTrue(notFound.cause().contains("(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException;"),
                notFound.cause());

        Resumption invalid = integrations.execute(Requests.task("arn:aws:states:::dynamodb:putItem",
                "{\"TableName\":\"/bad\",\"Item\":{\"id\":{\"S\":\"x\"}}}"), "key");
        Resumption.TaskFailed validation = assertInstanceOf(Resumption.TaskFailed.class, invalid);
        // Recorded on AWS (test_put_item_invalid_table_name): ValidationException is not modelled by SDK 1.x.
        assertEquals("DynamoDB.AmazonDynamoDBException", validation.error());
        assertTrue(validation.cause().contains("Error Code: ValidationException;"), validation.cause());
    }

    private static JsonNode fieldNames(JsonNode node) {
        var names = Json.NODES.arrayNode();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
