package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lambda function ARNs and lambda:invoke against an in-test Lambda Invoke API
 * ({@code POST /2015-03-31/functions/NAME/invocations}). Function "echo" returns its payload,
 * "boom" raises a Python-style exception, "timeout" fails without an errorType, other names are
 * not found.
 */
class LambdaInvokeTest {
    static final String BOOM = "{\"errorMessage\":\"Some exception was raised.\",\"errorType\":\"Exception\","
            + "\"requestId\":\"3f1e\",\"stackTrace\":[\"  File \\\"/var/task/handler.py\\\", line 2, in handler\\n\"]}";
    private static FakeService lambda;
    private static Integrations integrations;

    @BeforeAll
    static void start() throws Exception {
        lambda = new FakeService(LambdaInvokeTest::answer);
        integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoint(IntegrationConfig.LAMBDA, lambda.uri()));
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    static FakeService.Reply answer(FakeService.Received request) {
        String path = request.uri().getRawPath();
        String name = java.net.URLDecoder.decode(path.replaceAll("^/2015-03-31/functions/(.*)/invocations$", "$1"),
                StandardCharsets.UTF_8);
        String shortName = name.replaceAll("^arn:aws:lambda:[^:]*:[^:]*:function:", "").replaceAll(":.*$", "");
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json",
                "X-Amz-Executed-Version", "$LATEST", "x-amzn-RequestId", "req-1"));
        switch (shortName) {
            case "echo" -> {
                if ("Tail".equals(request.header("X-Amz-Log-Type"))) {
                    headers.put("X-Amz-Log-Result", Base64.getEncoder().encodeToString("log".getBytes(StandardCharsets.UTF_8)));
                }
                if ("Event".equals(request.header("X-Amz-Invocation-Type"))) {
                    return new FakeService.Reply(202, Map.of("x-amzn-RequestId", "req-2"), "");
                }
                return new FakeService.Reply(200, headers, request.body().isEmpty() ? "{}" : request.body());
            }
            case "boom" -> {
                headers.put("X-Amz-Function-Error", "Unhandled");
                return new FakeService.Reply(200, headers, BOOM);
            }
            case "slow" -> {
                try {
                    Thread.sleep(6_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new FakeService.Reply(200, headers, "{\"late\":true}");
            }
            case "timeout" -> {
                headers.put("X-Amz-Function-Error", "Unhandled");
                return new FakeService.Reply(200, headers, "{\"errorMessage\":\"Task timed out after 3.00 seconds\"}");
            }
            default -> {
                return new FakeService.Reply(404, Map.of("Content-Type", "application/json", "x-amzn-RequestId", "req-404",
                        "x-amzn-ErrorType", "ResourceNotFoundException"),
                        "{\"Type\":\"User\",\"Message\":\"Function not found: arn:aws:lambda:us-east-1:123456789012:function:"
                                + shortName + "\"}");
            }
        }
    }

    @Test
    void aFunctionArnIsCalledWithTheEffectiveInputAndItsResultIsTheFunctionsJson() {
        Resumption result = integrations.execute(Requests.task("arn:aws:lambda:us-east-1:123456789012:function:echo",
                "{\"order\":7,\"items\":[1,2]}"), "exec/step/0");
        assertEquals(Json.parse("{\"order\":7,\"items\":[1,2]}"), assertInstanceOf(Resumption.TaskSucceeded.class, result).output());
        FakeService.Received call = lambda.last();
        assertEquals("POST", call.method());
        assertEquals("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aecho/invocations",
                call.uri().getRawPath());
        // Signed for Lambda in the function's region.
        assertTrue(call.header("Authorization").matches("AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/us-east-1/lambda/aws4_request, .*"),
                call.header("Authorization"));
    }

    @Test
    void theIdempotencyKeyReachesTheFunctionInItsClientContextNotItsPayload() {
        integrations.execute(Requests.task("arn:aws:lambda:us-east-1:123456789012:function:echo", "{\"a\":1}"), "exec/step/3");
        FakeService.Received call = lambda.last();
        assertEquals("{\"a\":1}", call.body());
        JsonNode context = Json.parse(new String(Base64.getDecoder().decode(call.header("X-Amz-Client-Context")),
                StandardCharsets.UTF_8));
        assertEquals("exec/step/3", context.at("/custom/stepwise-idempotency-key").asText());
    }

    @Test
    void lambdaInvokeReturnsTheResultShapedAsAwsRecordedIt() {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"echo\",\"Payload\":{\"x\":1},\"LogType\":\"Tail\",\"Qualifier\":\"live\","
                        + "\"ClientContext\":\"e30=\"}"), "k");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result).output();
        // Recorded on AWS (test_invoke, test_invoke_unsupported_param): these fields, in this order.
        assertEquals(Json.parse("[\"ExecutedVersion\",\"LogResult\",\"Payload\",\"SdkHttpMetadata\",\"SdkResponseMetadata\",\"StatusCode\"]"),
                names(output));
        assertEquals("$LATEST", output.get("ExecutedVersion").asText());
        assertEquals(Json.parse("{\"x\":1}"), output.get("Payload"));
        assertEquals(200, output.get("StatusCode").asInt());
        // Header names spelt as Lambda sends them (recorded: X-Amz-Executed-Version, Content-Type, x-amzn-RequestId).
        assertEquals(Json.parse("[\"$LATEST\"]"), output.at("/SdkHttpMetadata/AllHttpHeaders/X-Amz-Executed-Version"),
                output.toString());
        assertEquals("$LATEST", output.at("/SdkHttpMetadata/HttpHeaders/X-Amz-Executed-Version").asText());
        assertEquals("application/json", output.at("/SdkHttpMetadata/HttpHeaders/Content-Type").asText());
        assertEquals("req-1", output.at("/SdkHttpMetadata/HttpHeaders/x-amzn-RequestId").asText());
        assertEquals(200, output.at("/SdkHttpMetadata/HttpStatusCode").asInt());
        assertEquals("req-1", output.at("/SdkResponseMetadata/RequestId").asText());
        FakeService.Received call = lambda.last();
        assertEquals("Qualifier=live", call.uri().getRawQuery());
        assertEquals("Tail", call.header("X-Amz-Log-Type"));
        assertEquals("e30=", call.header("X-Amz-Client-Context"), "a ClientContext the state gives is passed unchanged");
        assertEquals("/2015-03-31/functions/echo/invocations", call.uri().getRawPath());
    }

    @Test
    void anEventInvocationHasStatusCode202AndAnEmptyPayload() {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"echo\",\"Payload\":{},\"InvocationType\":\"Event\"}"), "k");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result).output();
        assertEquals(202, output.get("StatusCode").asInt());
        assertEquals("", output.get("Payload").asText());
    }

    @Test
    void aFunctionErrorIsNamedByItsErrorTypeWithThePayloadAsTheCause() {
        // Recorded on AWS (error_handling/test_task_service_lambda test_raise_exception): error "Exception",
        // cause the function's error payload as JSON text.
        for (String resource : new String[] {"arn:aws:states:::lambda:invoke", "arn:aws:lambda:us-east-1:123456789012:function:boom"}) {
            String parameters = resource.endsWith("invoke") ? "{\"FunctionName\":\"boom\",\"Payload\":null}" : "{}";
            Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class,
                    integrations.execute(Requests.task(resource, parameters), "k"));
            assertEquals("Exception", failed.error());
            assertEquals(BOOM, failed.cause());
        }
    }

    @Test
    void aFunctionErrorWithoutAnErrorTypeIsLambdaUnknown() {
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, integrations.execute(
                Requests.task("arn:aws:lambda:us-east-1:123456789012:function:timeout", "{}"), "k"));
        // "Handle Lambda service exceptions": unhandled errors (timeouts, out of memory) are Lambda.Unknown.
        assertEquals("Lambda.Unknown", failed.error());
        assertEquals("{\"errorMessage\":\"Task timed out after 3.00 seconds\"}", failed.cause());
    }

    @Test
    void aMissingFunctionIsLambdaResourceNotFoundExceptionWithSdkOneCause() {
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, integrations.execute(
                Requests.task("arn:aws:states:::lambda:invoke", "{\"FunctionName\":\"no_such\",\"Payload\":null}"), "k"));
        // Recorded on AWS (test_no_such_function).
        assertEquals("Lambda.ResourceNotFoundException", failed.error());
        assertEquals("Function not found: arn:aws:lambda:us-east-1:123456789012:function:no_such (Service: AWSLambda; "
                + "Status Code: 404; Error Code: ResourceNotFoundException; Request ID: req-404; Proxy: null)", failed.cause());
    }

    @Test
    void aWaitForTaskTokenResourceIsCalledWithItsTokenAndReturnsTheResponse() {
        Resumption result = integrations.execute(Requests.task("arn:aws:states:::lambda:invoke.waitForTaskToken",
                "{\"FunctionName\":\"echo\",\"Payload\":{\"token\":\"tok-9\"}}"), "k");
        JsonNode output = assertInstanceOf(Resumption.TaskSucceeded.class, result).output();
        assertEquals(Json.parse("{\"token\":\"tok-9\"}"), output.get("Payload"));
        assertEquals("{\"token\":\"tok-9\"}", lambda.last().body());
    }

    @Test
    void aSlowFunctionIsAbandonedAtTimeoutSecondsWithStatesTimeoutNotAReadTimeout() {
        for (String resource : new String[] {"arn:aws:states:::lambda:invoke", "arn:aws:lambda:us-east-1:123456789012:function:slow"}) {
            long start = System.nanoTime();
            Resumption result = integrations.execute(Requests.timed(resource, "{\"FunctionName\":\"slow\"}", 1, null), "k");
            long millis = (System.nanoTime() - start) / 1_000_000;
            // Recorded on AWS (timeouts/test_timeouts test_fixed_timeout_service_lambda, test_fixed_timeout_lambda):
            // error States.Timeout and no cause.
            Resumption.TaskTimedOut timedOut = assertInstanceOf(Resumption.TaskTimedOut.class, result, resource);
            assertEquals("States.Timeout", timedOut.error());
            assertEquals(null, timedOut.cause());
            assertTrue(millis >= 1000 && millis < 4000, resource + " took " + millis + " ms");
        }
    }

    @Test
    void aSlowFunctionIsAbandonedAtHeartbeatSecondsWhenThatComesFirst() {
        long start = System.nanoTime();
        Resumption result = integrations.execute(Requests.timed("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"slow\"}", 30, 1L), "k");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("States.Timeout", assertInstanceOf(Resumption.TaskTimedOut.class, result).error());
        assertTrue(millis < 4000, "took " + millis + " ms");
    }

    @Test
    void aCallWithinItsTimeoutIsNotCutShort() {
        Resumption result = integrations.execute(Requests.timed("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\":\"echo\",\"Payload\":{\"a\":1}}", 5, 5L), "k");
        assertEquals(Json.parse("{\"a\":1}"), assertInstanceOf(Resumption.TaskSucceeded.class, result).output().get("Payload"));
    }

    @Test
    void anUnreachableLambdaIsLambdaSdkClientException() {
        Integrations unreachable = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                .withEndpoint(IntegrationConfig.LAMBDA, java.net.URI.create("http://127.0.0.1:1")));
        Resumption.TaskFailed failed = assertInstanceOf(Resumption.TaskFailed.class, unreachable.execute(
                Requests.task("arn:aws:lambda:us-east-1:123456789012:function:echo", "{}"), "k"));
        assertEquals("Lambda.SdkClientException", failed.error());
        assertTrue(failed.cause().startsWith("Unable to execute HTTP request: "), failed.cause());
    }

    /** Header names are case-insensitive; the in-test server and the JDK client each choose a case. */
    static JsonNode header(JsonNode headers, String name) {
        var it = headers.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return Json.NODES.missingNode();
    }

    private static JsonNode names(JsonNode node) {
        var names = Json.NODES.arrayNode();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
