package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sns:publish against an in-test SNS Query API, events:putEvents against an in-test EventBridge JSON 1.1 API. */
class SnsAndEventBridgeTest {
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:orders";
    private static FakeService sns;
    private static FakeService events;
    private static Integrations integrations;

    @BeforeAll
    static void start() throws Exception {
        sns = new FakeService(SnsAndEventBridgeTest::sns);
        events = new FakeService(SnsAndEventBridgeTest::events);
        integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoint(IntegrationConfig.SNS, sns.uri()).withEndpoint(IntegrationConfig.EVENTS, events.uri()));
    }

    @AfterAll
    static void stop() {
        sns.close();
        events.close();
    }

    static FakeService.Reply sns(FakeService.Received request) {
        Map<String, String> form = form(request.body());
        if (!TOPIC.equals(form.get("TopicArn"))) {
            return new FakeService.Reply(404, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", "sns-404"), """
                    <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                      <Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>
                      <RequestId>sns-404</RequestId>
                    </ErrorResponse>""");
        }
        return new FakeService.Reply(200, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", "sns-1"), """
                <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
                  <ResponseMetadata><RequestId>sns-1</RequestId></ResponseMetadata>
                </PublishResponse>""");
    }

    static FakeService.Reply events(FakeService.Received request) {
        JsonNode entries = Json.parse(request.body()).get("Entries");
        var results = Json.NODES.arrayNode();
        int failed = 0;
        for (JsonNode entry : entries) {
            if (entry.has("Source")) {
                results.add(Json.object().put("EventId", "evt-" + results.size()));
            } else {
                failed++;
                results.add(Json.object().put("ErrorCode", "InvalidArgument")
                        .put("ErrorMessage", "Parameter Source is not valid. Reason: Source is a required argument."));
            }
        }
        var body = Json.object().put("FailedEntryCount", failed);
        body.set("Entries", results);
        return new FakeService.Reply(200, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-RequestId", "ev-1"),
                Json.write(body));
    }

    @Test
    void publishSendsTheQueryActionWithAnObjectMessageAsJsonText() {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::sns:publish", """
                {"TopicArn":"%s","Message":{"Message":"HelloWorld!"},"Subject":"s",
                 "MessageAttributes":{"kind":{"DataType":"String","StringValue":"order"}}}""".formatted(TOPIC)), "k");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result).output();
        // Recorded on AWS (test_publish_base): MessageId with SDK 1.x's metadata.
        assertEquals("94f20ce6-13c5-43a0-9a9e-ca52d816e90b", output.get("MessageId").asText());
        assertEquals("sns-1", output.at("/SdkResponseMetadata/RequestId").asText());
        assertEquals(200, output.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        Map<String, String> form = form(sns.last().body());
        assertEquals("Publish", form.get("Action"));
        assertEquals("2010-03-31", form.get("Version"));
        assertEquals("{\"Message\":\"HelloWorld!\"}", form.get("Message"));
        assertEquals("s", form.get("Subject"));
        assertEquals("kind", form.get("MessageAttributes.entry.1.Name"));
        assertEquals("String", form.get("MessageAttributes.entry.1.Value.DataType"));
        assertEquals("order", form.get("MessageAttributes.entry.1.Value.StringValue"));
        assertTrue(sns.last().header("Authorization").contains("/us-east-1/sns/aws4_request"));
    }

    @Test
    void aMissingTopicIsSnsNotFoundExceptionWithSdkOneCause() {
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, integrations.execute(
                Requests.task("arn:aws:states:::sns:publish", "{\"TopicArn\":\"arn:aws:sns:us-east-1:123456789012:gone\",\"Message\":\"m\"}"),
                "k"));
        // SDK 1.x models SNS's NotFound code as NotFoundException; the message format is SDK 1.x's.
        assertEquals("SNS.NotFoundException", failed.error());
        assertEquals("Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound; Request ID: sns-404; "
                + "Proxy: null)", failed.cause());
    }

    @Test
    void putEventsAppendsTheStateMachineAndExecutionArnsAndSendsDetailAsText() {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::events:putEvents", """
                {"Entries":[{"Detail":{"Message":"HelloWorld1"},"DetailType":"t","Source":"some.source"},
                            {"Detail":"{\\"Message\\": \\"HelloWorld0\\"}","DetailType":"t","Source":"some.source",
                             "Resources":["arn:aws:sqs:us-east-1:123456789012:q"]}]}"""), "k");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result).output();
        // Recorded on AWS (test_put_events_base): {Entries: [{EventId}], FailedEntryCount: 0}, no SDK metadata.
        assertEquals(Json.parse("{\"Entries\":[{\"EventId\":\"evt-0\"},{\"EventId\":\"evt-1\"}],\"FailedEntryCount\":0}"), output);
        FakeService.Received call = events.last();
        assertEquals("AWSEvents.PutEvents", call.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.1", call.header("Content-Type"));
        JsonNode sent = Json.parse(call.body()).get("Entries");
        assertEquals("{\"Message\":\"HelloWorld1\"}", sent.get(0).get("Detail").asText());
        assertEquals(Json.parse("[\"" + Requests.MACHINE + "\",\"" + Requests.EXECUTION + "\"]"), sent.get(0).get("Resources"));
        assertEquals(Json.parse("[\"arn:aws:sqs:us-east-1:123456789012:q\",\"" + Requests.MACHINE + "\",\"" + Requests.EXECUTION + "\"]"),
                sent.get(1).get("Resources"));
    }

    @Test
    void aFailedEntryFailsTheTaskWithEventBridgeFailedEntryAndTheResponseAsCause() {
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, integrations.execute(
                Requests.task("arn:aws:states:::events:putEvents",
                        "{\"Entries\":[{\"Detail\":{},\"DetailType\":\"t\",\"Source\":\"s\"},{\"Detail\":{},\"DetailType\":\"t\"}]}"),
                "k"));
        // Recorded on AWS (test_put_events_no_source).
        assertEquals("EventBridge.FailedEntry", failed.error());
        assertEquals(Json.parse("""
                {"Entries":[{"EventId":"evt-0"},{"ErrorCode":"InvalidArgument",
                 "ErrorMessage":"Parameter Source is not valid. Reason: Source is a required argument."}],"FailedEntryCount":1}"""),
                Json.parse(failed.cause()));
    }

    @Test
    void theCallsAreSignedWithSigV4AsAServiceVerifiesThem() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
                && System.getenv("AWS_PROFILE") == null, "with an endpoint and no credentials in the environment the dummy ones sign");
        integrations.execute(Requests.task("arn:aws:states:::sns:publish", "{\"TopicArn\":\"" + TOPIC + "\",\"Message\":\"m\"}"), "k");
        integrations.execute(Requests.task("arn:aws:states:::events:putEvents", "{\"Entries\":[{\"Source\":\"s\"}]}"), "k");
        for (var signed : Map.of("sns", sns.last(), "events", events.last()).entrySet()) {
            var verifier = new dev.stepwise.local.SigV4Verifier(id -> "stepwise".equals(id) ? "stepwise" : null,
                    java.time.Clock.systemUTC(), "us-east-1", signed.getKey());
            FakeService.Received request = signed.getValue();
            var refusal = verifier.check(new dev.stepwise.local.SigV4Verifier.SignedRequest(request.method(), request.uri().getRawPath(),
                    request.uri().getRawQuery(), request.headers(), request.body().getBytes(StandardCharsets.UTF_8)));
            assertEquals(null, refusal, String.valueOf(refusal));
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
