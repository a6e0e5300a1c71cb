package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

class ServeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ServeCommand command() {
        return new ServeCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheListeningLineAndServesTheSdk() {
        try (ApiServer server = command().open(new String[] {"--port", "0", "--region", "eu-west-1", "--account", "111122223333"})) {
            assertEquals("listening on http://127.0.0.1:" + server.port() + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
            try (SfnClient sfn = SfnClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.builder().build())
                    .build()) {
                String arn = sfn.createStateMachine(b -> b.name("served").roleArn("arn:aws:iam::111122223333:role/r")
                        .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                        .stateMachineArn();
                assertEquals("arn:aws:states:eu-west-1:111122223333:stateMachine:served", arn);
            }
        }
    }

    @Test
    void theDefaultPortIs8083() {
        assertEquals(8083, ServeCommand.DEFAULT_PORT);
    }

    @Test
    void aBadPortIsAUsageError() {
        StepwiseCli.UsageException e = assertThrows(StepwiseCli.UsageException.class,
                () -> command().open(new String[] {"--port", "eighty"}));
        assertTrue(e.getMessage().contains("--port"), e.getMessage());
        assertThrows(StepwiseCli.UsageException.class, () -> command().open(new String[] {"--port"}));
        assertThrows(StepwiseCli.UsageException.class, () -> command().open(new String[] {"--verbose"}));
    }
}
