package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./stepwise run} with Task integrations: --endpoint lambda=URL and --http-auth reach the services. */
class RunWithIntegrationsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void startPeer() throws IOException {
        // One peer plays both a Lambda Invoke API (echoing the payload) and an HTTP API.
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] reply = path.startsWith("/2015-03-31/functions/") ? body
                    : "{\"status\":\"shipped\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(reply);
            }
        });
        server.start();
    }

    @AfterEach
    void stopPeer() {
        server.stop(0);
    }

    private int run(String... args) {
        return StepwiseCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String definition() throws IOException {
        Path file = dir.resolve("ship.json");
        Files.writeString(file, """
                {"StartAt":"Price","States":{
                  "Price":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:price","Next":"Ship"},
                  "Ship":{"Type":"Task","Resource":"arn:aws:states:::http:invoke",
                    "Parameters":{"ApiEndpoint":"http://127.0.0.1:%d/ship","Method":"POST","RequestBody.$":"$"},
                    "ResultSelector":{"shipment.$":"$.ResponseBody.status"},"ResultPath":"$.ship","End":true}}}"""
                .formatted(server.getAddress().getPort()));
        return file.toString();
    }

    @Test
    void aWorkflowCallsTheLambdaEndpointAndAnHttpApiWithTheConfiguredAuthentication() throws IOException {
        String peer = "http://127.0.0.1:" + server.getAddress().getPort();
        assertEquals(0, run("run", definition(), "--input", "{\"sku\":\"a\"}", "--endpoint", "lambda=" + peer,
                "--http-auth", "Authorization:Bearer local"), err.toString(StandardCharsets.UTF_8));
        assertEquals("{\"sku\":\"a\",\"ship\":{\"shipment\":\"shipped\"}}", out.toString(StandardCharsets.UTF_8).trim());
        assertEquals("Bearer local", authorizations.get(1));
    }

    @Test
    void theInMemoryRunnerCallsTheSameIntegrations() throws IOException {
        String peer = "http://127.0.0.1:" + server.getAddress().getPort();
        assertEquals(0, run("run", definition(), "--in-memory", "--input", "{\"sku\":\"b\"}", "--endpoint", "lambda=" + peer),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("{\"sku\":\"b\",\"ship\":{\"shipment\":\"shipped\"}}", out.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void aMalformedHttpAuthIsAUsageError() throws IOException {
        assertEquals(2, run("run", definition(), "--http-auth", "no-colon-here"));
    }
}
