package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code arn:aws:states:::s3:getObject} and {@code s3:putObject} as Task resources, against the
 * embedded S3 server: the shapes and errors of the AWS SDK integration of the same actions
 * (recorded in LocalStack's services/test_aws_sdk_task_service and error_handling/test_aws_sdk).
 */
class S3ObjectIntegrationsTest {
    private static Integrations integrations;
    private static String bucket;

    @BeforeAll
    static void start() {
        Emulators emulators = TaskEmulators.get();
        integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012").withEndpoints(emulators.endpoints()));
        bucket = "s3opt-" + System.nanoTime();
        call("arn:aws:states:::aws-sdk:s3:createBucket", "{\"Bucket\":\"" + bucket + "\"}");
    }

    private static Resumption call(String resource, String parameters) {
        return integrations.execute(Requests.task(resource, parameters), "k");
    }

    private static JsonNode ok(String resource, String parameters) {
        Resumption result = call(resource, parameters);
        return assertInstanceOf(Resumption.TaskSucceeded.class, result, result.toString()).output();
    }

    @Test
    void putObjectThenGetObjectRoundTripsTheBodyAsText() {
        JsonNode put = ok("arn:aws:states:::s3:putObject", "{\"Bucket\":\"" + bucket + "\",\"Key\":\"a.txt\",\"Body\":\"text data\"}");
        // Recorded (test_s3_get_object[str]): the ETag of "text data".
        assertEquals("\"332eec544317a6d340b8e77da7fe54ad\"", put.get("ETag").asText());
        JsonNode got = ok("arn:aws:states:::s3:getObject", "{\"Bucket\":\"" + bucket + "\",\"Key\":\"a.txt\"}");
        assertEquals("text data", got.get("Body").asText());
        assertEquals(9, got.get("ContentLength").asInt());
    }

    @Test
    void aBodyThatIsNotAStringIsStoredAsItsJsonText() {
        ok("arn:aws:states:::s3:putObject", "{\"Bucket\":\"" + bucket + "\",\"Key\":\"o.json\",\"Body\":{\"a\":[1,2]}}");
        JsonNode got = ok("arn:aws:states:::s3:getObject", "{\"Bucket\":\"" + bucket + "\",\"Key\":\"o.json\"}");
        assertEquals("{\"a\":[1,2]}", got.get("Body").asText());
    }

    @Test
    void aMissingKeyOrBucketFailsTheTaskWithTheS3ErrorName() {
        Resumption.TaskFailed noKey = assertInstanceOf(Resumption.TaskFailed.class,
                call("arn:aws:states:::s3:getObject", "{\"Bucket\":\"" + bucket + "\",\"Key\":\"missing\"}"));
        assertEquals("S3.NoSuchKeyException", noKey.error());
        assertTrue(noKey.cause().startsWith("The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ")
                || noKey.cause().startsWith("The specified key does not exist (Service: S3, Status Code: 404, Request ID: "),
                noKey.cause());
        // Read, not written: the embedded S3 server answers a put to a missing bucket before it reads
        // the body and may close the connection under it, which the client sees as a broken transport.
        Resumption.TaskFailed noBucket = assertInstanceOf(Resumption.TaskFailed.class,
                call("arn:aws:states:::s3:getObject", "{\"Bucket\":\"missing-" + System.nanoTime() + "\",\"Key\":\"k\"}"));
        assertEquals("S3.NoSuchBucketException", noBucket.error(), noBucket.cause());
    }
}
