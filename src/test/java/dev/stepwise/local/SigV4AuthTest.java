package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.api.memory.InMemoryExecutions;
import dev.stepwise.api.memory.InMemoryStateMachines;
import dev.stepwise.engine.EngineOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.auth.scheme.SfnAuthSchemeProvider;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * {@code serve --auth sigv4}: the real SDK's signature is accepted with the right secret and
 * refused, with AWS's codes, for a wrong secret, an unknown key, a stale clock or none at all.
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
        ApiContext context = ApiContext.of(ApiConfig.defaults(), new InMemoryStateMachines(),
                new InMemoryExecutions(clock, EngineOptions.defaults(), InMemoryExecutions.noIntegrations()), clock);
        StepFunctionsApi api = new StepFunctionsApi(context, new dev.stepwise.tasks.NoIntegrations(), Throwable::printStackTrace);
        return ApiServer.start(api, 0, new SigV4Verifier(id -> id.equals("AKIDLOCAL") ? "s3cret" : null, verifierClock));
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
        ApiContext context = ApiContext.of(ApiConfig.defaults(), new InMemoryStateMachines(),
                new InMemoryExecutions(clock, EngineOptions.defaults(), InMemoryExecutions.noIntegrations()), clock);
        StepFunctionsApi api = new StepFunctionsApi(context, new dev.stepwise.tasks.NoIntegrations(), Throwable::printStackTrace);
        try (ApiServer server = ApiServer.start(api, 0, new SigV4Verifier(id -> id.equals("AKIDLOCAL") ? "s3cret" : null,
                clock, "execute-api"));
             SfnClient plain = client(server.endpoint(), "AKIDLOCAL", "s3cret");
             SfnClient gateway = signedForApiGateway(server.endpoint(), "AKIDLOCAL", "s3cret")) {
            SfnException e = assertThrows(SfnException.class, plain::listStateMachines);
            assertEquals(403, e.statusCode());
            assertEquals("Credential should be scoped to correct service: 'execute-api'. ", e.awsErrorDetails().errorMessage());
            assertEquals(0, gateway.listStateMachines().stateMachines().size());
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
