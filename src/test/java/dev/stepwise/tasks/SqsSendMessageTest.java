package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.Emulators;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** sqs:sendMessage against ElasticMQ: the message arrives, the result and errors are AWS's. */
class SqsSendMessageTest {
    private static SqsClient sqs;
    private static String queueUrl;
    private static Integrations integrations;

    @BeforeAll
    static void start() {
        URI endpoint = TaskEmulators.get().endpoint(Emulators.SQS);
        sqs = new AwsClients("us-east-1", new RequestCounter()).sqs(endpoint);
        queueUrl = sqs.createQueue(b -> b.queueName("integration-" + System.nanoTime())).queueUrl();
        integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoint(IntegrationConfig.SQS, endpoint));
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void aMessageSentByTheTaskIsReceivedWithItsBodyAndAttributes() throws Exception {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::sqs:sendMessage", """
                {"QueueUrl":"%s","MessageBody":"hello from a task",
                 "MessageAttributes":{"kind":{"DataType":"String","StringValue":"greeting"}}}""".formatted(queueUrl)), "k1");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result).output();
        Message message = receiveOne();
        assertEquals("hello from a task", message.body());
        assertEquals("greeting", message.messageAttributes().get("kind").stringValue());
        assertEquals(message.messageId(), output.get("MessageId").asText());
        // SQS documents MD5OfMessageBody as the MD5 digest of the non-URL-encoded body.
        assertEquals(md5("hello from a task"), output.get("MD5OfMessageBody").asText());
        assertEquals(200, output.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertTrue(output.at("/SdkHttpMetadata/AllHttpHeaders").isObject());
        assertTrue(output.at("/SdkHttpMetadata/HttpHeaders").isObject());
        assertTrue(output.at("/SdkResponseMetadata").has("RequestId"));
    }

    @Test
    void aMessageBodyThatIsNotAStringIsSentAsItsJsonText() throws Exception {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", """
                {"QueueUrl":"%s","MessageBody":{"Message":"m","TaskToken":"tok-1"}}""".formatted(queueUrl)), "k2");
        assertInstanceOf(Resumption.TaskSucceeded.class, result);
        assertEquals("{\"Message\":\"m\",\"TaskToken\":\"tok-1\"}", receiveOne().body());
    }

    @Test
    void aQueueThatDoesNotExistFailsWithTheServicesErrorNamedAsStepFunctionsNamesIt() {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::sqs:sendMessage", """
                {"QueueUrl":"%s","MessageBody":"x"}""".formatted(queueUrl + "-missing")), "k3");
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, result);
        // SDK 1.x models a missing queue as QueueDoesNotExistException.
        assertEquals("SQS.QueueDoesNotExistException", failed.error());
        assertTrue(failed.cause().matches(".* \\(Service: AmazonSQS; Status Code: 400; Error Code: [^;]+; Request ID: [^;]*; Proxy: null\\)"),
                failed.cause());
    }

    @Test
    void anEndpointThatDoesNotAnswerIsAnSdkClientException() {
        Integrations unreachable = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoint(IntegrationConfig.SQS, URI.create("http://127.0.0.1:1")));
        Resumption result = unreachable.execute(Requests.task("arn:aws:states:::sqs:sendMessage",
                "{\"QueueUrl\":\"http://127.0.0.1:1/q\",\"MessageBody\":\"x\"}"), "k4");
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, result);
        // Recorded on AWS: SQS.SdkClientException, "Unable to execute HTTP request: <reason>".
        assertEquals("SQS.SdkClientException", failed.error());
        assertTrue(failed.cause().startsWith("Unable to execute HTTP request: "), failed.cause());
    }

    private static Message receiveOne() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(5)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, messages.size());
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(messages.get(0).receiptHandle()));
        return messages.get(0);
    }

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }
}
