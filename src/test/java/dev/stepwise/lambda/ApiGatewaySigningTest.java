package dev.stepwise.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.local.SigV4Verifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * How a client calls the deployed API: API Gateway's IAM authorizer takes requests signed for the
 * service {@code execute-api}, while SfnClient signs for {@code states}. A stand-in for the HTTP
 * API checks the signature (Signature V4) and its credential scope as API Gateway does, then hands
 * the request to the API: the real SfnClient with the signing name overridden (the README's
 * snippet) goes through; without the override it is refused.
 */
@QuarkusTest
@QuarkusTestResource(EmulatorResource.class)
class ApiGatewaySigningTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Inject
    StepFunctionsApi api;

    private HttpServer gateway;

    @BeforeEach
    void startGateway() throws IOException {
        SigV4Verifier verifier = new SigV4Verifier(key -> KEY.equals(key) ? SECRET : null, Clock.systemUTC(), "us-east-1",
                SigV4Verifier.EXECUTE_API);
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            SigV4Verifier.Refusal refusal = verifier.check(new SigV4Verifier.SignedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
            String answer;
            int status;
            if (refusal != null) {
                status = refusal.status();
                answer = "{\"message\":\"" + refusal.message() + "\"}";
            } else {
                ApiResponse response = api.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                        new String(body, StandardCharsets.UTF_8));
                status = response.status();
                answer = response.body();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", ApiResponse.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void anSfnClientSigningForExecuteApiCreatesAndStartsThroughTheGateway() {
        try (SfnClient sfn = client(true)) {
            String machine = sfn.createStateMachine(b -> b.name("signed").roleArn("arn:aws:iam::123456789012:role/stepwise")
                    .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}")).stateMachineArn();
            assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:signed", machine);
            String execution = sfn.startExecution(b -> b.stateMachineArn(machine).name("signed-1").input("{}")).executionArn();
            assertEquals("arn:aws:states:us-east-1:123456789012:execution:signed:signed-1", execution);
        }
    }

    @Test
    void anSfnClientSigningForStatesIsRefusedByTheGateway() {
        try (SfnClient sfn = client(false)) {
            SfnException refused = assertThrows(SfnException.class, () -> sfn.listStateMachines(b -> { }));
            assertEquals(403, refused.statusCode());
            assertTrue(refused.getMessage().contains("execute-api"), refused.getMessage());
        }
    }

    @Test
    void theApiCallExampleOfTheStackOutputsGoesThroughTheGatewayWithAndWithoutASessionToken() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is missing");
        String command = outputValue("ApiCallExample")
                // What Fn::Sub makes of it on a stack in us-east-1, with the gateway for the HTTP API.
                .replace("https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/",
                        "http://127.0.0.1:" + gateway.getAddress().getPort() + "/")
                .replace("${AWS::Region}", "us-east-1").replace("${!", "${");
        assertTrue(command.startsWith("curl --aws-sigv4 \"aws:amz:us-east-1:execute-api\""), command);
        assertTrue(run(command, Map.of()).contains("\"stateMachines\""));
        assertTrue(run(command, Map.of("AWS_SESSION_TOKEN", "a-session-token")).contains("\"stateMachines\""));
    }

    /** A one-line output value of template.yaml written as a folded block ({@code Value: !Sub >-}). */
    private static String outputValue(String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("template.yaml"));
        int at = lines.indexOf("  " + name + ":");
        while (!lines.get(at).trim().startsWith("Value: !Sub >-")) {
            at++;
        }
        List<String> folded = new ArrayList<>();
        for (at++; at < lines.size() && lines.get(at).startsWith("      "); at++) {
            folded.add(lines.get(at).trim());
        }
        return String.join(" ", folded);
    }

    private static String run(String command, Map<String, String> environment) throws Exception {
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", command + " --silent --show-error --fail-with-body")
                .redirectErrorStream(true);
        shell.environment().remove("AWS_SESSION_TOKEN");
        shell.environment().put("AWS_ACCESS_KEY_ID", KEY);
        shell.environment().put("AWS_SECRET_ACCESS_KEY", SECRET);
        shell.environment().putAll(environment);
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private SfnClient client(boolean signForApiGateway) {
        var builder = SfnClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/"))
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)));
        if (signForApiGateway) {
            builder.authSchemeProvider(params -> List.of(AuthSchemeOption.builder()
                    .schemeId(AwsV4AuthScheme.SCHEME_ID)
                    .putSignerProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putSignerProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .build()));
        }
        return builder.build();
    }
}
