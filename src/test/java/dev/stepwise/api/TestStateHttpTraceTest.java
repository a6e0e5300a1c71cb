package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.stepwise.tasks.HttpAuth;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sfn.model.InspectionData;
import software.amazon.awssdk.services.sfn.model.InspectionDataRequest;
import software.amazon.awssdk.services.sfn.model.InspectionDataResponse;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * TestState at TRACE on an HTTP Task ({@code arn:aws:states:::http:invoke}) against an in-test
 * HTTP server, through the AWS SDK for Java's SfnClient. The TestState API reference decides what
 * is shown: inspectionLevel TRACE "Shows the HTTP request and response for an HTTP Task" (DEBUG
 * and INFO do not); the SDK's InspectionDataRequest and InspectionDataResponse hold strings only;
 * revealSecrets "Specifies whether or not to include secret information in the test result. For
 * HTTP Tasks, a secret includes the data that an EventBridge connection adds to modify the HTTP
 * request headers" (here: the --http-auth headers) and "Step Functions doesn't omit any information
 * included in the state definition or the HTTP response".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestStateHttpTraceTest {
    private static final String SECRET = "Bearer s3cr3t-token";
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private HttpServer server;
    private String base;
    private LocalSfn local;

    @BeforeAll
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] in = exchange.getRequestBody().readAllBytes();
            boolean missing = exchange.getRequestURI().getPath().equals("/missing");
            byte[] out = (missing ? "{\"message\":\"no such order\"}" : "{\"received\":" + new String(in, StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Order-Service", "v2");
            exchange.sendResponseHeaders(missing ? 404 : 200, out.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(out);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        local = new LocalSfn(Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withHttpAuth(HttpAuth.parse(List.of("Authorization:" + SECRET)))));
    }

    @AfterAll
    void stop() {
        local.close();
        server.stop(0);
        assertEquals(List.of(), local.bugs);
    }

    private String definition(String path) {
        return """
                {"Type": "Task", "Resource": "arn:aws:states:::http:invoke",
                 "Parameters": {"ApiEndpoint": "%s%s", "Method": "POST",
                   "Authentication": {"ConnectionArn": "arn:aws:events:us-east-1:123456789012:connection/orders/1"},
                   "Headers": {"X-Request-Id": "r-1"}, "QueryParameters": {"page": "2"},
                   "RequestBody": {"order.$": "$.order"}},
                 "ResultSelector": {"status.$": "$.StatusCode"}, "End": true}""".formatted(base, path);
    }

    private TestStateResponse trace(String path, Boolean revealSecrets) {
        return local.sfn.testState(b -> b.roleArn(LocalSfn.ROLE).inspectionLevel(InspectionLevel.TRACE)
                .revealSecrets(revealSecrets).input("{\"order\": 7}").definition(definition(path)));
    }

    @Test
    void traceShowsTheRequestAsSentAndTheResponseAsReceivedWithoutTheConfiguredAuthentication() {
        TestStateResponse response = trace("/orders", null);
        assertEquals(TestExecutionStatus.SUCCEEDED, response.status(), response.toString());
        assertEquals(SECRET, seen.get("authorization"), "the configured authentication is sent");
        InspectionDataRequest request = response.inspectionData().request();
        assertEquals("http", request.protocol());
        assertEquals("POST", request.method());
        assertEquals(base + "/orders?page=2", request.url());
        // The state's own headers and the ones the HTTP Task adds, one line; the connection's are a secret.
        assertEquals("[Content-Type: application/json, User-Agent: Amazon|StepFunctions|HttpInvoke|us-east-1, "
                + "X-Request-Id: r-1]", request.headers());
        assertEquals("{\"order\":7}", request.body());
        InspectionDataResponse received = response.inspectionData().response();
        assertEquals("http", received.protocol());
        assertEquals("200", received.statusCode());
        assertEquals("OK", received.statusMessage());
        assertTrue(received.headers().toLowerCase().contains("x-order-service: v2"), received.headers());
        assertTrue(received.headers().toLowerCase().contains("content-type: application/json"), received.headers());
        assertEquals("{\"received\":{\"order\":7}}", received.body());
    }

    @Test
    void revealSecretsShowsTheConfiguredAuthenticationHeader() {
        InspectionDataRequest request = trace("/orders", true).inspectionData().request();
        assertEquals("[Authorization: " + SECRET + ", Content-Type: application/json, "
                + "User-Agent: Amazon|StepFunctions|HttpInvoke|us-east-1, X-Request-Id: r-1]", request.headers());
    }

    @Test
    void revealSecretsFalseLeavesTheConfiguredAuthenticationOut() {
        assertFalse(trace("/orders", false).inspectionData().request().headers().contains("s3cr3t"));
    }

    @Test
    void aFailingStatusStillShowsTheResponseThatFailedTheTask() {
        TestStateResponse response = trace("/missing", null);
        assertEquals(TestExecutionStatus.FAILED, response.status(), response.toString());
        assertEquals("States.Http.StatusCode.404", response.error());
        InspectionDataResponse received = response.inspectionData().response();
        assertEquals("404", received.statusCode());
        assertEquals("Not Found", received.statusMessage());
        assertEquals("{\"message\":\"no such order\"}", received.body());
    }

    @Test
    void debugShowsTheDataFlowButNoHttpRequestOrResponse() {
        InspectionData data = local.sfn.testState(b -> b.roleArn(LocalSfn.ROLE).inspectionLevel(InspectionLevel.DEBUG)
                .input("{\"order\": 7}").definition(definition("/orders"))).inspectionData();
        assertEquals("{\"status\":\"200\"}", data.afterResultSelector());
        assertNull(data.request());
        assertNull(data.response());
    }

    @Test
    void aMockedHttpTaskMakesNoRequestSoTraceShowsNone() {
        InspectionData data = local.sfn.testState(b -> b.inspectionLevel(InspectionLevel.TRACE).input("{\"order\": 7}")
                .definition(definition("/orders"))
                .mock(m -> m.result("{\"StatusCode\": \"200\", \"StatusText\": \"OK\", \"ResponseBody\": {}, \"Headers\": {}}")))
                .inspectionData();
        assertEquals("{\"status\":\"200\"}", data.afterResultSelector());
        assertNull(data.request());
        assertNull(data.response());
    }

    @Test
    void aRefusedConnectionShowsTheRequestAndNoResponse() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closed;
        TestStateResponse response = local.sfn.testState(b -> b.roleArn(LocalSfn.ROLE).inspectionLevel(InspectionLevel.TRACE)
                .input("{\"order\": 7}").definition(definition("/orders").replace(base, endpoint)));
        assertEquals("States.Http.Socket", response.error(), response.toString());
        assertEquals(endpoint + "/orders?page=2", response.inspectionData().request().url());
        assertNull(response.inspectionData().response());
    }
}
