package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.engine.EngineOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding: a web page whose name is made to resolve to 127.0.0.1 can send requests to the
 * local API from the user's browser, with its own name as Host. The API answers only names that
 * mean this machine and those allowed with {@code serve --allow-host}; any other gets a 403 and
 * changes nothing.
 */
class HostHeaderTest {
    private static final String CREATE = "{\"name\": \"%s\", \"roleArn\": \"arn:aws:iam::123456789012:role/r\", "
            + "\"definition\": \"{\\\"StartAt\\\": \\\"P\\\", \\\"States\\\": {\\\"P\\\": {\\\"Type\\\": \\\"Pass\\\", \\\"End\\\": true}}}\"}";

    private static ApiServer server() throws IOException {
        Clock clock = Clock.systemUTC();
        return ApiServer.start(MemoryApi.start(ApiConfig.defaults(), new dev.stepwise.tasks.NoIntegrations(), null, 1.0,
                Throwable::printStackTrace).api(), 0);
    }

    /** The status line and body of one HTTP/1.1 request sent with this Host header (null for none), as a browser would. */
    static String[] post(int port, String host, String target, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String request = "POST / HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "X-Amz-Target: AWSStepFunctions." + target + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {response.substring(0, response.indexOf("\r\n")), response.substring(response.indexOf("\r\n\r\n") + 4)};
        }
    }

    @Test
    void aRequestForAnotherHostIsRefusedAndChangesNothing() throws IOException {
        try (ApiServer server = server()) {
            String[] refused = post(server.port(), "attacker.example:" + server.port(), "CreateStateMachine", CREATE.formatted("rebound"));
            assertEquals("HTTP/1.1 403 Forbidden", refused[0]);
            assertEquals("{\"__type\":\"AccessDeniedException\",\"message\":\"Host 'attacker.example:" + server.port()
                    + "' is not this machine: Stepwise answers localhost, 127.0.0.1 and [::1] (serve --allow-host NAME "
                    + "allows another name)\"}", refused[1]);
            String[] listed = post(server.port(), "127.0.0.1:" + server.port(), "ListStateMachines", "{}");
            assertEquals("HTTP/1.1 200 OK", listed[0]);
            assertEquals("{\"stateMachines\":[]}", listed[1]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:8083", "localhost.", "console.localhost:1", "127.0.0.1", "127.1.2.3:80",
            "[::1]", "[::1]:8083", "[0:0:0:0:0:0:0:1]"})
    void namesThatMeanThisMachineAreAnswered(String host) throws IOException {
        try (ApiServer server = server()) {
            assertEquals("HTTP/1.1 200 OK", post(server.port(), host, "ListStateMachines", "{}")[0]);
        }
    }

    @Test
    void aRequestWithoutHostComesFromNoBrowserAndIsAnswered() throws IOException {
        try (ApiServer server = server()) {
            assertEquals("HTTP/1.1 200 OK", post(server.port(), null, "ListStateMachines", "{}")[0]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io", "0.0.0.0", "10.0.0.1",
            "128.0.0.1", "127.0.0.256", "[::2]", "[::ffff:10.0.0.1]", "", "[::1"})
    void namesThatMayBeAnotherMachineAreNot(String host) {
        assertFalse(AllowedHosts.loopback().allows(host), host);
    }

    @Test
    void serveAllowsMoreNamesWithAllowHost() throws IOException {
        ServeCommand command = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (ApiServer server = command.open(new String[] {"--port", "0", "--in-memory", "--allow-host", "devbox",
                "--allow-host", "Stepwise.Internal:9000"})) {
            assertEquals("HTTP/1.1 200 OK", post(server.port(), "devbox:" + server.port(), "ListStateMachines", "{}")[0]);
            assertEquals("HTTP/1.1 200 OK", post(server.port(), "stepwise.internal", "ListStateMachines", "{}")[0]);
            assertEquals("HTTP/1.1 200 OK", post(server.port(), "localhost", "ListStateMachines", "{}")[0]);
            assertEquals("HTTP/1.1 403 Forbidden", post(server.port(), "otherbox", "ListStateMachines", "{}")[0]);
        }
        assertThrows(StepwiseCli.UsageException.class, () -> command.open(new String[] {"--allow-host", "a b"}));
        assertThrows(StepwiseCli.UsageException.class, () -> command.open(new String[] {"--allow-host"}));
        assertTrue(AllowedHosts.loopbackAnd(List.of("devbox")).allows("DEVBOX."));
    }
}
