package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.engine.EngineOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.auth.scheme.SfnAuthSchemeProvider;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * {@code serve --auth sigv4}: the real SDK's signature is accepted with the right secret and
 * refused, with AWS's codes, for a wrong secret, an unknown key, a stale clock, a scope for
 * another region or service, or none at all; a captured signature cannot be replayed for another
 * action or another body.
 */
class SigV4AuthTest {

    private static SfnClient client(URI endpoint, String key, String secret) {
        return SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static ApiServer server(Clock verifierClock) throws IOException {
        Clock clock = Clock.systemUTC();
        StepFunctionsApi api = dev.stepwise.local.MemoryApi.start(ApiConfig.defaults(), new dev.stepwise.tasks.NoIntegrations(), null, 1.0,
                Throwable::printStackTrace).api();
        return ApiServer.start(api, 0, new SigV4Verifier(id -> id.equals("AKIDLOCAL") ? "s3cret" : null, verifierClock,
                "us-east-1", SigV4Verifier.STATES));
    }

    @Test
    void theSdksSignatureWithTheRightSecretIsAccepted() throws IOException {
        try (ApiServer server = server(Clock.systemUTC()); SfnClient sfn = client(server.endpoint(), "AKIDLOCAL", "s3cret")) {
            assertEquals(0, sfn.listStateMachines().stateMachines().size());
            String arn = sfn.createStateMachine(b -> b.name("signed").roleArn("arn:aws:iam::123456789012:role/r")
                    .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}")).stateMachineArn();
            assertEquals("signed", sfn.describeStateMachine(b -> b.stateMachineArn(arn)).name());
        }
    }

    @Test
    void aWrongSecretIsInvalidSignatureException() throws IOException {
        try (ApiServer server = server(Clock.systemUTC()); SfnClient sfn = client(server.endpoint(), "AKIDLOCAL", "guess")) {
            SfnException e = assertThrows(SfnException.class, sfn::listStateMachines);
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("The request signature we calculated does not match"));
        }
    }

    @Test
    void anUnknownAccessKeyIsUnrecognizedClientException() throws IOException {
        try (ApiServer server = server(Clock.systemUTC()); SfnClient sfn = client(server.endpoint(), "AKIDOTHER", "s3cret")) {
            SfnException e = assertThrows(SfnException.class, sfn::listStateMachines);
            assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
            assertEquals("The security token included in the request is invalid.", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void aSignatureMoreThanFiveMinutesOffIsExpired() throws IOException {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6));
        try (ApiServer server = server(ahead); SfnClient sfn = client(server.endpoint(), "AKIDLOCAL", "s3cret")) {
            SfnException e = assertThrows(SfnException.class, sfn::listStateMachines);
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertTrue(e.awsErrorDetails().errorMessage().startsWith("Signature expired: "), e.awsErrorDetails().errorMessage());
        }
    }

    /**
     * Deployed, the API sits behind API Gateway's IAM authorization, which checks signatures
     * scoped to {@code execute-api}. The SDK signs for {@code states} unless its auth scheme says
     * otherwise; this is the configuration README's deploy walkthrough gives.
     */
    static SfnClient signedForApiGateway(URI endpoint, String key, String secret) {
        SfnAuthSchemeProvider defaults = SfnAuthSchemeProvider.defaultProvider();
        return SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .authSchemeProvider(params -> defaults.resolveAuthScheme(params).stream()
                        .map(option -> option.toBuilder().putSignerProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api").build())
                        .toList())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Test
    void behindApiGatewayTheSdkMustSignForExecuteApi() throws IOException {
        Clock clock = Clock.systemUTC();
        StepFunctionsApi api = dev.stepwise.local.MemoryApi.start(ApiConfig.defaults(), new dev.stepwise.tasks.NoIntegrations(), null, 1.0,
                Throwable::printStackTrace).api();
        try (ApiServer server = ApiServer.start(api, 0, new SigV4Verifier(id -> id.equals("AKIDLOCAL") ? "s3cret" : null,
                clock, "us-east-1", SigV4Verifier.EXECUTE_API));
             SfnClient plain = client(server.endpoint(), "AKIDLOCAL", "s3cret");
             SfnClient gateway = signedForApiGateway(server.endpoint(), "AKIDLOCAL", "s3cret")) {
            SfnException e = assertThrows(SfnException.class, plain::listStateMachines);
            assertEquals(403, e.statusCode());
            assertEquals("Credential should be scoped to correct service: 'execute-api'. ", e.awsErrorDetails().errorMessage());
            assertEquals(0, gateway.listStateMachines().stateMachines().size());
        }
    }

    /** The SDK signing with {@code service} as its signing name and {@code region} as its region. */
    private static SfnClient scopedClient(URI endpoint, Region region, String service) {
        SfnAuthSchemeProvider defaults = SfnAuthSchemeProvider.defaultProvider();
        return SfnClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "s3cret")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .authSchemeProvider(params -> defaults.resolveAuthScheme(params).stream()
                        .map(option -> option.toBuilder().putSignerProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service).build())
                        .toList())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /**
     * Recorded on DynamoDB, an AWS JSON service like Step Functions (extenddb's auth fidelity
     * tests, measured 2026-09-16): 400 InvalidSignatureException, one sentence per wrong part of
     * the scope, in this order.
     */
    @Test
    void aSignatureScopedToAnotherRegionOrServiceIsInvalidSignatureExceptionWithAwsWording() throws IOException {
        try (ApiServer server = server(Clock.systemUTC());
             SfnClient otherRegion = scopedClient(server.endpoint(), Region.EU_WEST_1, "states");
             SfnClient otherService = scopedClient(server.endpoint(), Region.US_EAST_1, "sqs");
             SfnClient both = scopedClient(server.endpoint(), Region.EU_WEST_1, "sqs")) {
            SfnException region = assertThrows(SfnException.class, otherRegion::listStateMachines);
            assertEquals(400, region.statusCode());
            assertEquals("InvalidSignatureException", region.awsErrorDetails().errorCode());
            assertEquals("Credential should be scoped to a valid region. ", region.awsErrorDetails().errorMessage());
            SfnException service = assertThrows(SfnException.class, otherService::listStateMachines);
            assertEquals("Credential should be scoped to correct service: 'states'. ", service.awsErrorDetails().errorMessage());
            SfnException scope = assertThrows(SfnException.class, both::listStateMachines);
            assertEquals("Credential should be scoped to a valid region. Credential should be scoped to correct service: 'states'. ",
                    scope.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void serveChecksTheScopeAgainstItsOwnRegion() {
        ServeCommand command = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (ApiServer server = command.open(new String[] {"--port", "0", "--in-memory", "--region", "eu-west-1",
                "--auth", "sigv4", "--credentials", "AKIDLOCAL:s3cret"});
             SfnClient ireland = scopedClient(server.endpoint(), Region.EU_WEST_1, "states");
             SfnClient virginia = scopedClient(server.endpoint(), Region.US_EAST_1, "states")) {
            assertEquals(0, ireland.listStateMachines().stateMachines().size());
            assertEquals("Credential should be scoped to a valid region. ",
                    assertThrows(SfnException.class, virginia::listStateMachines).awsErrorDetails().errorMessage());
        }
    }

    /** A request as the SDK's own signer signs it, sent as given (headers may be changed after signing). */
    private record Signed(URI endpoint, Map<String, List<String>> headers, String body) {
        static Signed of(URI endpoint, Map<String, String> headers, String body, boolean signPayload) {
            // Signed as for HTTPS (where the SDK allows an unsigned payload), sent over HTTP: the Host is the same.
            SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create("https://127.0.0.1:" + endpoint.getPort() + "/"));
            headers.forEach(request::putHeader);
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create("AKIDLOCAL", "s3cret"))
                    .request(request.build())
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "states")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload));
            Map<String, List<String>> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            sent.putAll(signed.request().headers());
            return new Signed(endpoint, sent, body);
        }

        Signed withHeader(String name, String value) {
            Map<String, List<String>> changed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            changed.putAll(headers);
            changed.put(name, List.of(value));
            return new Signed(endpoint, changed, body);
        }

        Signed withBody(String other) {
            return new Signed(endpoint, headers, other);
        }

        HttpResponse<String> send() throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/")).POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host")) { // the client sets the same Host itself
                    values.forEach(value -> request.header(name, value));
                }
            });
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Map<String, String> call(String action) {
        return Map.of("X-Amz-Target", "AWSStepFunctions." + action, "Content-Type", "application/x-amz-json-1.0");
    }

    private static final String MISMATCH = "{\"__type\":\"InvalidSignatureException\",\"message\":\"The request signature we "
            + "calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
            + "Consult the service documentation for details.\"}";

    @Test
    void aCapturedSignatureCannotBeReplayedForAnotherActionOrAnotherBody() throws Exception {
        try (ApiServer server = server(Clock.systemUTC())) {
            String create = "{\"name\": \"captured\", \"roleArn\": \"arn:aws:iam::123456789012:role/r\", "
                    + "\"definition\": \"{\\\"StartAt\\\": \\\"P\\\", \\\"States\\\": {\\\"P\\\": {\\\"Type\\\": \\\"Pass\\\", \\\"End\\\": true}}}\"}";
            Signed captured = Signed.of(server.endpoint(), call("CreateStateMachine"), create, true);

            HttpResponse<String> otherAction = captured.withHeader("X-Amz-Target", "AWSStepFunctions.DeleteStateMachine").send();
            assertEquals(400, otherAction.statusCode());
            assertEquals(MISMATCH, otherAction.body());
            HttpResponse<String> otherBody = captured.withBody(create.replace("captured", "forged")).send();
            assertEquals(MISMATCH, otherBody.body());
            // Declaring the signed body's hash does not make another body the signed one.
            String declared = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(create.getBytes(StandardCharsets.UTF_8)));
            assertEquals(MISMATCH, captured.withBody("{}").withHeader("X-Amz-Content-Sha256", declared).send().body());

            assertEquals(200, captured.send().statusCode(), "the request as signed is accepted");
            try (SfnClient sfn = client(server.endpoint(), "AKIDLOCAL", "s3cret")) {
                assertEquals(List.of("captured"), sfn.listStateMachines().stateMachines().stream().map(m -> m.name()).toList());
            }
        }
    }

    @Test
    void theActionHeaderMustBeSigned() throws Exception {
        try (ApiServer server = server(Clock.systemUTC())) {
            Signed unsignedTarget = Signed.of(server.endpoint(), Map.of("Content-Type", "application/x-amz-json-1.0"), "{}", true)
                    .withHeader("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
            HttpResponse<String> response = unsignedTarget.send();
            assertEquals(400, response.statusCode());
            assertEquals("{\"__type\":\"InvalidSignatureException\",\"message\":\"'X-Amz-Target' must be a 'SignedHeader' "
                    + "in the AWS Authorization.\"}", response.body());
        }
    }

    /**
     * AWS's JSON services hash the body they receive whatever the client declares: a signature
     * over the literal UNSIGNED-PAYLOAD is "a plain signature mismatch" (extenddb's fidelity
     * tests against DynamoDB, 2026-09-16), so an unsigned body cannot be swapped.
     */
    @Test
    void aSignatureOverAnUnsignedPayloadIsAMismatch() throws Exception {
        try (ApiServer server = server(Clock.systemUTC())) {
            Signed unsigned = Signed.of(server.endpoint(), call("ListStateMachines"), "{}", false);
            assertEquals(List.of("UNSIGNED-PAYLOAD"), unsigned.headers().get("x-amz-content-sha256"));
            HttpResponse<String> response = unsigned.send();
            assertEquals(400, response.statusCode());
            assertEquals(MISMATCH, response.body());
            assertEquals(200, Signed.of(server.endpoint(), call("ListStateMachines"), "{}", true).send().statusCode());
        }
    }

    @Test
    void anUnsignedRequestIsMissingAuthenticationToken() throws Exception {
        try (ApiServer server = server(Clock.systemUTC())) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint())
                    .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode());
            assertEquals("{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing Authentication Token\"}",
                    response.body());
        }
    }

    @Test
    void serveTakesSigV4CredentialsOnTheCommandLine() {
        ServeCommand command = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (ApiServer server = command.open(new String[] {"--port", "0", "--auth", "sigv4", "--credentials", "AKIDCLI:cli-secret"});
             SfnClient good = client(server.endpoint(), "AKIDCLI", "cli-secret");
             SfnClient bad = client(server.endpoint(), "AKIDCLI", "nope")) {
            assertNull(good.listStateMachines().nextToken());
            assertThrows(SfnException.class, bad::listStateMachines);
        }
        assertThrows(StepwiseCli.UsageException.class, () -> command.open(new String[] {"--auth", "sigv4"}));
        assertThrows(StepwiseCli.UsageException.class, () -> command.open(new String[] {"--auth", "basic"}));
        assertThrows(StepwiseCli.UsageException.class, () -> command.open(new String[] {"--credentials", "a:b"}));
    }
}
