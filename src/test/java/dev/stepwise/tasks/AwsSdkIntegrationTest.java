package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.Emulators;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS SDK integrations against the real emulators the harness starts: the embedded S3 server
 * (S3Proxy), dynalite and ElasticMQ. Expected shapes and error names are AWS's, recorded in
 * LocalStack's services/test_aws_sdk_task_service and error_handling/test_aws_sdk snapshots.
 */
class AwsSdkIntegrationTest {
    private static Integrations integrations;

    @BeforeAll
    static void start() {
        Emulators emulators = TaskEmulators.get();
        integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012").withEndpoints(emulators.endpoints()));
    }

    private static JsonNode ok(String resource, String parameters) {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::aws-sdk:" + resource, parameters), "k");
        return assertInstanceOf(Resumption.TaskSucceeded.class, result, result.toString()).output();
    }

    private static Resumption.TaskFailed failed(String resource, String parameters) {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::aws-sdk:" + resource, parameters), "k");
        return assertInstanceOf(Resumption.TaskFailed.class, result, result.toString());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void s3PutObjectThenGetObjectGivesTheBodyAsTextLastAfterTheMembersInAlphabeticalOrder() {
        String bucket = "sdk-" + System.nanoTime();
        ok("s3:createBucket", "{\"Bucket\":\"" + bucket + "\"}");
        JsonNode put = ok("s3:putObject", "{\"Bucket\":\"" + bucket + "\",\"Key\":\"file_key\",\"Body\":\"text data\"}");
        // Recorded (test_s3_get_object[str]): ETag of "text data" is "332eec544317a6d340b8e77da7fe54ad".
        assertEquals("\"332eec544317a6d340b8e77da7fe54ad\"", put.get("ETag").asText());
        JsonNode got = ok("s3:getObject", "{\"Bucket\":\"" + bucket + "\",\"Key\":\"file_key\"}");
        assertEquals("text data", got.get("Body").asText());
        assertEquals(9, got.get("ContentLength").asInt());
        assertEquals("\"332eec544317a6d340b8e77da7fe54ad\"", got.get("ETag").asText());
        assertEquals(Json.object(), got.get("Metadata"), "recorded: an object without user metadata has Metadata {}");
        assertTrue(got.get("LastModified").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                got.get("LastModified").asText());
        List<String> members = names(got);
        assertEquals("Body", members.get(members.size() - 1));
        List<String> sorted = new ArrayList<>(members.subList(0, members.size() - 1));
        sorted.sort(null);
        assertEquals(sorted, members.subList(0, members.size() - 1));
        JsonNode listed = ok("s3:listObjectsV2", "{\"Bucket\":\"" + bucket + "\"}");
        assertEquals("file_key", listed.at("/Contents/0/Key").asText());
        assertEquals(1, listed.get("KeyCount").asInt());
    }

    @Test
    void s3ErrorsAreNamedAfterTheSdkExceptionWithTheSdkMessageAsCause() {
        // Recorded (error_handling/test_aws_sdk test_no_such_bucket): S3.NoSuchBucketException,
        // "The specified bucket does not exist (Service: S3, Status Code: 404, Request ID: …, Extended Request ID: …)".
        Resumption.TaskFailed noBucket = failed("s3:listObjects", "{\"Bucket\":\"someNonexistentBucketName\"}");
        assertEquals("S3.NoSuchBucketException", noBucket.error());
        assertTrue(noBucket.cause().matches("The specified bucket does not exist \\(Service: S3, Status Code: 404, "
                + "Request ID: [^,]+(, Extended Request ID: [^)]+)?\\)"), noBucket.cause());
        String bucket = "sdk-" + System.nanoTime();
        ok("s3:createBucket", "{\"Bucket\":\"" + bucket + "\"}");
        assertEquals("S3.NoSuchKeyException", failed("s3:getObject", "{\"Bucket\":\"" + bucket + "\",\"Key\":\"missing\"}").error());
    }

    @Test
    void dynamoDbPutGetUpdateAndDeleteAsRecordedOnAws() {
        String table = "sdk_" + System.nanoTime();
        ok("dynamodb:createTable", "{\"TableName\":\"" + table + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]}");
        // Recorded (test_dynamodb_put_get_item): putItem's output is {}, getItem's is the Item alone.
        assertEquals(Json.object(), ok("dynamodb:putItem", "{\"TableName\":\"" + table + "\","
                + "\"Item\":{\"data\":{\"S\":\"HelloWorld\"},\"id\":{\"S\":\"id1\"}}}"));
        JsonNode updated = ok("dynamodb:updateItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"id\":{\"S\":\"id1\"}},"
                + "\"UpdateExpression\":\"set S=:r\",\"ExpressionAttributeValues\":{\":r\":{\"S\":\"HelloWorldUpdated\"}},"
                + "\"ReturnValues\":\"UPDATED_NEW\"}");
        // Recorded (test_dynamodb_put_update_get_item).
        assertEquals(Json.parse("{\"Attributes\":{\"S\":{\"S\":\"HelloWorldUpdated\"}}}"), updated);
        JsonNode got = ok("dynamodb:getItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"id\":{\"S\":\"id1\"}}}");
        assertEquals("{\"Item\":{\"S\":{\"S\":\"HelloWorldUpdated\"},\"data\":{\"S\":\"HelloWorld\"},\"id\":{\"S\":\"id1\"}}}",
                Json.write(got), "recorded with the item's attributes in this order");
        assertEquals(Json.object(), ok("dynamodb:deleteItem", "{\"TableName\":\"" + table + "\",\"Key\":{\"id\":{\"S\":\"id1\"}}}"));
        Resumption.TaskFailed conditional = failed("dynamodb:putItem", "{\"TableName\":\"" + table + "\","
                + "\"Item\":{\"id\":{\"S\":\"id2\"}},\"ConditionExpression\":\"attribute_exists(id)\"}");
        assertEquals("DynamoDb.ConditionalCheckFailedException", conditional.error());
        assertTrue(conditional.cause().contains("(Service: DynamoDb, Status Code: 400, Request ID: "), conditional.cause());
    }

    @Test
    void dynamoDbErrorsUseTheSdkV2ServiceName() {
        // Recorded (test_dynamodb_put_item_no_such_table / test_dynamodb_invalid_param): the prefix is DynamoDb, and an
        // unmodelled ValidationException is DynamoDb.DynamoDbException.
        assertEquals("DynamoDb.ResourceNotFoundException", failed("dynamodb:putItem",
                "{\"TableName\":\"no_such_" + System.nanoTime() + "\",\"Item\":{\"id\":{\"S\":\"id1\"}}}").error());
        Resumption.TaskFailed invalid = failed("dynamodb:putItem", "{\"TableName\":\"t\",\"Item\":{}}");
        assertEquals("DynamoDb.DynamoDbException", invalid.error());
    }

    @Test
    void sqsSendAndReceiveThroughElasticMq() {
        String url = ok("sqs:createQueue", "{\"QueueName\":\"sdk-" + System.nanoTime() + "\"}").get("QueueUrl").asText();
        JsonNode sent = ok("sqs:sendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"hello\"}");
        assertTrue(sent.has("MessageId") && sent.has("MD5OfMessageBody"), sent.toString());
        JsonNode received = ok("sqs:receiveMessage", "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":1}");
        assertEquals("hello", received.at("/Messages/0/Body").asText());
        assertEquals("Sqs.QueueDoesNotExistException",
                failed("sqs:getQueueUrl", "{\"QueueName\":\"missing-" + System.nanoTime() + "\"}").error());
    }

    @Test
    void aParameterTheActionDoesNotTakeFailsTheTaskNamingIt() {
        Resumption.TaskFailed failed = failed("s3:listBuckets", "{\"Nonsense\":1}");
        assertEquals("States.TaskFailed", failed.error());
        assertEquals("The field \"Nonsense\" is not supported by Step Functions", failed.cause());
    }

    @Test
    void aServiceThatIsNotBundledFailsTheTaskSayingWhichAre() {
        Resumption.TaskFailed failed = failed("ec2:describeInstances", "{}");
        assertEquals("States.TaskFailed", failed.error());
        assertTrue(failed.cause().contains("not bundled") && failed.cause().contains("dynamodb, eventbridge, lambda, s3"),
                failed.cause());
    }
}
