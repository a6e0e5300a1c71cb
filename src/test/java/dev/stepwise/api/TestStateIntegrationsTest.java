package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.local.Emulators;
import dev.stepwise.local.TestEmulators;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * TestState without a mock calls the real integration, through the task executor the runtime
 * uses: sqs:sendMessage against ElasticMQ, lambda:invoke against an in-test Lambda Invoke API
 * ({@code POST /2015-03-31/functions/NAME/invocations}, which echoes the payload).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestStateIntegrationsTest {
    private HttpServer lambda;
    private SqsClient sqs;
    private String queueUrl;
    private LocalSfn local;

    @BeforeAll
    void start() throws IOException {
        lambda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lambda.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
            exchange.sendResponseHeaders(200, body.length == 0 ? 2 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            }
        });
        lambda.start();
        URI sqsEndpoint = TestEmulators.get().endpoint(Emulators.SQS);
        sqs = new AwsClients("us-east-1", new RequestCounter()).sqs(sqsEndpoint);
        queueUrl = sqs.createQueue(b -> b.queueName("teststate-" + System.nanoTime())).queueUrl();
        local = new LocalSfn(Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoint(IntegrationConfig.SQS, sqsEndpoint)
                .withEndpoint(IntegrationConfig.LAMBDA, URI.create("http://127.0.0.1:" + lambda.getAddress().getPort()))));
    }

    @AfterAll
    void stop() {
        local.close();
        sqs.close();
        lambda.stop(0);
        assertEquals(List.of(), local.bugs);
    }

    @Test
    void anSqsSendMessageTaskSendsTheMessageAndShowsTheServiceResult() {
        TestStateResponse response = local.sfn.testState(b -> b.roleArn(LocalSfn.ROLE).inspectionLevel(InspectionLevel.DEBUG)
                .input("{\"text\": \"hello from TestState\"}")
                .definition("""
                        {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                         "Parameters": {"QueueUrl": "%s", "MessageBody.$": "$.text"},
                         "ResultSelector": {"id.$": "$.MessageId"}, "ResultPath": "$.sent", "End": true}""".formatted(queueUrl)));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status(), response.toString());
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
        assertEquals(1, received.size());
        assertEquals("hello from TestState", received.get(0).body());
        JsonNode output = Json.parse(response.output());
        assertEquals(received.get(0).messageId(), output.at("/sent/id").asText());
        assertEquals(received.get(0).messageId(), Json.parse(response.inspectionData().result()).get("MessageId").asText());
    }

    @Test
    void aLambdaInvokeTaskCallsTheFunctionAndGetsItsPayloadAsJson() {
        TestStateResponse response = local.sfn.testState(b -> b.roleArn(LocalSfn.ROLE)
                .definition("""
                        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Parameters": {"FunctionName": "echo", "Payload": {"n.$": "$.n"}},
                         "OutputPath": "$.Payload", "Next": "After"}""")
                .input("{\"n\": 3}"));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status(), response.toString());
        assertEquals("After", response.nextState());
        assertEquals("{\"n\":3}", response.output());
    }

    @Test
    void aMockedTaskCallsNothing() {
        TestStateResponse response = local.sfn.testState(b -> b.definition("""
                        {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                         "Parameters": {"QueueUrl": "%s", "MessageBody": "never sent"}, "End": true}""".formatted(queueUrl))
                .mock(m -> m.result("{\"MessageId\": \"m-1\", \"MD5OfMessageBody\": \"x\"}")));
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("{\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"x\"}", response.output());
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages().isEmpty());
    }
}
