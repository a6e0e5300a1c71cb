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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The Step Functions API on 127.0.0.1 over plain HTTP (JDK server, no dependency): every
 * {@code POST /} goes to {@link StepFunctionsApi}, and {@code GET /console/...} serves the console's
 * static files ({@link ConsoleFiles}). Bound to the loopback interface only, and answering only
 * Host names that mean this machine ({@link AllowedHosts}), as the API has no authentication
 * unless {@code --auth sigv4} asks for it.
 *
 * <p>No call waits behind another: a few threads read requests and answer the quick calls; a
 * GetActivityTask long poll holds no thread while it waits (a worker fleet keeps dozens open),
 * and slow calls (StartSyncExecution, TestState) run on threads of their own.
 */
public final class ApiServer implements AutoCloseable {
    /** A 1 MiB definition JSON-escaped can double; beyond this the body is refused unread. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final int REQUEST_THREADS = 8;
    /** Slow calls at once; one more is refused with ThrottlingException rather than queued. */
    static final int SLOW_THREADS = 64;

    private final HttpServer server;
    private final ExecutorService threads;
    private final ExecutorService slowCalls;
    /** What the server runs on (a runtime, emulators), closed after it in reverse order. */
    private final java.util.Deque<AutoCloseable> resources = new java.util.ArrayDeque<>();

    private ApiServer(HttpServer server, ExecutorService threads, ExecutorService slowCalls) {
        this.server = server;
        this.threads = threads;
        this.slowCalls = slowCalls;
    }

    /** Starts serving on {@code port} (0 for any free port), without authentication. */
    public static ApiServer start(StepFunctionsApi api, int port) throws IOException {
        return start(api, port, null, AllowedHosts.loopback());
    }

    /** Starts serving; with a {@code verifier}, every request must carry a valid AWS Signature V4. */
    public static ApiServer start(StepFunctionsApi api, int port, SigV4Verifier verifier) throws IOException {
        return start(api, port, verifier, AllowedHosts.loopback());
    }

    /** As above, answering requests for the {@code hosts} names only. */
    public static ApiServer start(StepFunctionsApi api, int port, SigV4Verifier verifier, AllowedHosts hosts)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService threads = Executors.newFixedThreadPool(REQUEST_THREADS, daemon("stepwise-api"));
        ExecutorService slowCalls = new ThreadPoolExecutor(0, SLOW_THREADS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon("stepwise-api-slow"));
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            if (allowed(hosts, exchange)) {
                serve(api, verifier, exchange, threads, slowCalls);
            }
        });
        // Static files carry no secret and call the API like any client, so they need no signature.
        server.createContext(ConsoleFiles.PATH, exchange -> {
            if (allowed(hosts, exchange)) {
                ConsoleFiles.serve(exchange);
            }
        });
        server.start();
        return new ApiServer(server, threads, slowCalls);
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
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
        slowCalls.shutdownNow();
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

    /** False, having answered 403, when the request names a host that is not this machine. */
    private static boolean allowed(AllowedHosts hosts, HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (hosts.allows(host)) {
            return true;
        }
        respond(exchange, error(403, "AccessDeniedException", "Host '" + host + "' is not this machine: Stepwise answers "
                + "localhost, 127.0.0.1 and [::1] (serve --allow-host NAME allows another name)"));
        return false;
    }

    private static void serve(StepFunctionsApi api, SigV4Verifier verifier, HttpExchange exchange, Executor threads,
                              Executor slowCalls) throws IOException {
        byte[] body = read(exchange.getRequestBody());
        SigV4Verifier.Refusal refusal = verifier == null || body == null ? null
                : verifier.check(new SigV4Verifier.SignedRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), body));
        if (body == null) {
            respond(exchange, error(413, "ValidationException", "The request body is larger than " + MAX_BODY_BYTES + " bytes"));
        } else if (refusal != null) {
            respond(exchange, error(refusal.status(), refusal.code(), refusal.message()));
        } else if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
            respond(exchange, error(404, "UnknownOperationException", null));
        } else {
            CompletableFuture<ApiResponse> answer = api.handleAsync(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    new String(body, StandardCharsets.UTF_8), slowCalls).toCompletableFuture();
            if (answer.isDone()) {
                respond(exchange, answer.join());
            } else {
                // The answer is written on a request thread, not on the thread that ended the wait.
                answer.thenAcceptAsync(response -> respond(exchange, response), threads);
            }
        }
    }

    private static void respond(HttpExchange exchange, ApiResponse response) {
        try (exchange) {
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
        } catch (IOException gone) {
            // The client left before its answer (a worker that gave up its poll): nobody to tell.
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
