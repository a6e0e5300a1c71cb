package dev.stepwise.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.asl.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Step Functions API on 127.0.0.1 over plain HTTP (JDK server, no dependency): every
 * {@code POST /} goes to {@link StepFunctionsApi}, and {@code GET /console/...} serves the console's
 * static files ({@link ConsoleFiles}). Bound to the loopback interface only, as the API has no
 * authentication here.
 */
public final class ApiServer implements AutoCloseable {
    /** A 1 MiB definition JSON-escaped can double; beyond this the body is refused unread. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    /** What the server runs on (a runtime, emulators), closed after it in reverse order. */
    private final java.util.Deque<AutoCloseable> resources = new java.util.ArrayDeque<>();

    private ApiServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving on {@code port} (0 for any free port), without authentication. */
    public static ApiServer start(StepFunctionsApi api, int port) throws IOException {
        return start(api, port, null);
    }

    /** Starts serving; with a {@code verifier}, every request must carry a valid AWS Signature V4. */
    public static ApiServer start(StepFunctionsApi api, int port, SigV4Verifier verifier) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "stepwise-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> serve(api, verifier, exchange));
        // Static files carry no secret and call the API like any client, so they need no signature.
        server.createContext(ConsoleFiles.PATH, ConsoleFiles::serve);
        server.start();
        return new ApiServer(server, threads);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Closes {@code resource} when the server closes, after the server and before what was added earlier. */
    public ApiServer alsoClose(AutoCloseable resource) {
        synchronized (resources) {
            resources.push(resource);
        }
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        while (true) {
            AutoCloseable resource;
            synchronized (resources) {
                resource = resources.poll();
            }
            if (resource == null) {
                return;
            }
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("stepwise: closing " + resource + ": " + e);
            }
        }
    }

    private static void serve(StepFunctionsApi api, SigV4Verifier verifier, HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response;
            byte[] body = read(exchange.getRequestBody());
            SigV4Verifier.Refusal refusal = verifier == null || body == null ? null
                    : verifier.check(new SigV4Verifier.SignedRequest(exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                            exchange.getRequestHeaders(), body));
            if (body == null) {
                response = error(413, "ValidationException", "The request body is larger than " + MAX_BODY_BYTES + " bytes");
            } else if (refusal != null) {
                response = error(refusal.status(), refusal.code(), refusal.message());
            } else if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
                response = error(404, "UnknownOperationException", null);
            } else {
                response = api.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                        new String(body, StandardCharsets.UTF_8));
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", ApiResponse.CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            if (response.errorType() != null) {
                exchange.getResponseHeaders().set("X-Amzn-ErrorType", response.errorType());
            }
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static ApiResponse error(int status, String code, String message) {
        ObjectNode body = Json.object().put("__type", code);
        if (message != null) {
            body.put("message", message);
        }
        return new ApiResponse(status, Json.write(body), code);
    }

    /** The whole body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }
}
