package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * The host-prefix switch of each client the README shows, against {@code ./stepwise serve}
 * (durable, on the test emulators): TestState and StartSyncExecution go to a {@code sync-} host
 * unless the client is told not to. The AWS CLI is checked by .ci/cli-smoke.sh; Python is not
 * checked here (no PyPI on these machines).
 */
class ClientsTest {
    private static ApiServer server;

    @BeforeAll
    static void serve() {
        Emulators emulators = TestEmulators.get();
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(ignored, true, StandardCharsets.UTF_8);
        server = new ServeCommand(sink, sink).open(new String[] {"--port", "0",
                "--endpoint", "dynamodb=" + emulators.endpoint(Emulators.DYNAMODB),
                "--endpoint", "sqs=" + emulators.endpoint(Emulators.SQS)});
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    @Test
    void theJavaSdkCallsStartSyncExecutionAndTestStateWithHostPrefixInjectionDisabled() {
        try (SfnClient sfn = SfnClient.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build()) {
            String machine = sfn.createStateMachine(b -> b.name("java-sync-" + System.nanoTime()).type(StateMachineType.EXPRESS)
                    .roleArn("arn:aws:iam::123456789012:role/unused")
                    .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}")).stateMachineArn();
            StartSyncExecutionResponse sync = sfn.startSyncExecution(b -> b.stateMachineArn(machine).input("{\"a\": 1}"));
            assertEquals(SyncExecutionStatus.SUCCEEDED, sync.status());
            assertEquals(Json.parse("{\"a\": 1}"), Json.parse(sync.output()));
            TestStateResponse tested = sfn.testState(b -> b.roleArn("arn:aws:iam::123456789012:role/unused")
                    .definition("{\"Type\": \"Pass\", \"Result\": 42, \"End\": true}").input("{}"));
            assertEquals(TestExecutionStatus.SUCCEEDED, tested.status());
            assertEquals("42", tested.output());
        }
    }

    @Test
    void theJavaScriptSdkCallsThemWithDisableHostPrefix() throws Exception {
        NodeScript.requireNode();
        if (!Files.isRegularFile(Path.of("node_modules/@aws-sdk/client-sfn/package.json"))) {
            NodeScript.skip("@aws-sdk/client-sfn is not installed: run npm ci (it is a devDependency in package.json)");
        }
        NodeScript.Result result = NodeScript.test(Map.of("STEPWISE_ENDPOINT", endpoint()), 120,
                "src/test/clients/sfn-js-sdk.test.mjs");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("# pass 3"), result.output());
    }
}
