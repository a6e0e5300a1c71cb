package dev.stepwise.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The emulators a laptop run needs, started on demand: dynalite (a Node.js DynamoDB emulator,
 * installed by {@code npm ci} from the repo's lockfile) as a child process, ElasticMQ embedded in
 * this JVM for SQS, and S3Proxy ({@link S3Server}) for S3. A service given with
 * {@code --endpoint SERVICE=URL} is not started; its URL is used as given (LocalStack, real AWS,
 * an emulator already running).
 *
 * <p>They start at once, side by side, and their ports are chosen before they listen, so a caller
 * can build its clients (and do any other work) while they come up: {@link #launch} returns at
 * once, {@link #ready(String)} says when one service answers. Start-up is most of
 * {@code ./stepwise run}'s time.
 */
public final class Emulators implements AutoCloseable {
    public static final String DYNAMODB = "dynamodb";
    public static final String SQS = "sqs";
    public static final String S3 = "s3";
    /** The emulator of each service, in start order, for the line that says what starts. */
    private static final List<Map.Entry<String, String>> EMULATOR_NAMES = List.of(Map.entry(DYNAMODB, "dynalite for DynamoDB"),
            Map.entry(SQS, "ElasticMQ for SQS"), Map.entry(S3, "S3Proxy for S3"));

    private final Map<String, URI> endpoints = new HashMap<>();
    /** The emulators started here (not those {@code --endpoint} named), in start order. */
    private final Map<String, URI> embedded = new LinkedHashMap<>();
    /** Completes when the service answers; services given by {@code --endpoint} are complete from the start. */
    private final Map<String, CompletableFuture<URI>> ready = new HashMap<>();
    private Process dynalite;
    private DataDirLock dataLock;
    /** Set by the thread that starts it. */
    private volatile SQSRestServer elasticMq;
    /** ElasticMQ's actor system, made here so that closing can terminate it at once. */
    private volatile ActorSystem elasticMqSystem;
    private volatile S3Server s3;
    private Thread shutdownHook;

    private Emulators() {
    }

    /** An emulator could not start: said in one line by the command line, not as a stack trace. */
    public static final class StartFailure extends RuntimeException {
        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * {@code stepwise: starting the emulators (dynalite for DynamoDB, ...)...} for the services
     * {@code overrides} does not name; empty when it names them all.
     */
    public static Optional<String> startingLine(Map<String, URI> overrides) {
        List<String> starting = EMULATOR_NAMES.stream().filter(e -> !overrides.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        return starting.isEmpty() ? Optional.empty()
                : Optional.of("stepwise: starting the emulators (" + String.join(", ", starting) + ")...");
    }

    /**
     * Starts what {@code overrides} does not name and waits until each answers. {@code dataDir},
     * when not null, keeps dynalite's tables on disk there (its {@code --path}).
     */
    public static Emulators start(Map<String, URI> overrides, Path dataDir) {
        return start(overrides, dataDir, null);
    }

    /** As above; {@code s3Dir}, when not null, keeps the S3 server's buckets on disk there. */
    public static Emulators start(Map<String, URI> overrides, Path dataDir, Path s3Dir) {
        Emulators emulators = launch(overrides, dataDir, s3Dir);
        try {
            for (String service : List.of(DYNAMODB, SQS, S3)) {
                emulators.ready(service).join();
            }
            return emulators;
        } catch (CompletionException e) {
            emulators.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** As {@link #start}, without waiting: {@link #endpoints()} are known at once, {@link #ready} tells when each answers. */
    public static Emulators launch(Map<String, URI> overrides, Path dataDir, Path s3Dir) {
        Emulators emulators = new Emulators();
        emulators.endpoints.putAll(overrides);
        try {
            emulators.shutdownHook = new Thread(emulators::close, "stepwise-emulators-stop");
            Runtime.getRuntime().addShutdownHook(emulators.shutdownHook);
            if (!overrides.containsKey(DYNAMODB)) {
                emulators.startDynalite(dataDir);
            }
            if (!overrides.containsKey(SQS)) {
                emulators.startElasticMq();
            }
            if (!overrides.containsKey(S3)) {
                emulators.startS3(s3Dir);
            }
            return emulators;
        } catch (RuntimeException e) {
            emulators.close();
            throw e;
        }
    }

    /** Parses repeatable {@code SERVICE=URL} options. */
    public static Map<String, URI> parseEndpoints(List<String> options) {
        Map<String, URI> parsed = new HashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0 || eq == option.length() - 1) {
                throw new IllegalArgumentException("--endpoint expects SERVICE=URL, got '" + option + "'");
            }
            try {
                parsed.put(option.substring(0, eq).toLowerCase(java.util.Locale.ROOT), new URI(option.substring(eq + 1)));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--endpoint " + option + ": " + e.getMessage());
            }
        }
        return parsed;
    }

    /** Completes with the service's endpoint once it answers, or exceptionally if its emulator did not start. */
    public CompletableFuture<URI> ready(String service) {
        return ready.getOrDefault(service, CompletableFuture.completedFuture(endpoint(service)));
    }

    /** Every endpoint: the emulators started and the ones {@code --endpoint} named (lambda=, sns=, ... included). */
    public Map<String, URI> endpoints() {
        return Map.copyOf(endpoints);
    }

    public URI endpoint(String service) {
        URI uri = endpoints.get(service);
        if (uri == null) {
            throw new IllegalStateException("no endpoint for " + service);
        }
        return uri;
    }

    /** The emulators this object started (not those {@code --endpoint} named), in start order: service → endpoint. */
    public Map<String, URI> embedded() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(embedded));
    }

    /** One line per embedded emulator, as {@code run} and {@code serve} print them before they start work. */
    public List<String> endpointLines() {
        return embedded.entrySet().stream().map(e -> "endpoint " + e.getKey() + " " + e.getValue()).toList();
    }

    private URI embed(String service, int port) {
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        endpoints.put(service, endpoint);
        embedded.put(service, endpoint);
        return endpoint;
    }

    /**
     * Node runs dynalite's own cli.js behind a watchdog: dynalite's stdin is a pipe from this JVM,
     * which never writes to it, so the pipe ends exactly when this JVM does, however it ends
     * (SIGKILL included, when no shutdown hook runs), and dynalite exits with it instead of
     * living on as an orphan that keeps the data directory's tables locked.
     */
    private static final String WATCHDOG = "process.stdin.on('end',()=>process.exit(0));"
            + "process.stdin.on('error',()=>process.exit(0));process.stdin.resume();"
            + "process.argv.splice(1,0,process.env.STEPWISE_DYNALITE_CLI);require(process.env.STEPWISE_DYNALITE_CLI);";

    private void startDynalite(Path dataDir) {
        Path cli = findDynalite();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("node", "-e", WATCHDOG, "--", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (dataDir != null) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new StartFailure("cannot keep the tables in " + dataDir + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")", e);
            }
            dataLock = DataDirLock.acquire(dataDir);
            command.add("--path");
            command.add(dataDir.toAbsolutePath().toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("STEPWISE_DYNALITE_CLI", cli.toAbsolutePath().toString());
        try {
            dynalite = builder.start();
        } catch (IOException e) {
            throw new StartFailure("cannot start dynalite (is node ≥ 20 on the PATH?): " + e.getMessage(), e);
        }
        URI endpoint = embed(DYNAMODB, port);
        Process process = dynalite;
        ready.put(DYNAMODB, CompletableFuture.supplyAsync(() -> {
            waitForPort(port, process);
            return endpoint;
        }, Emulators::daemon));
    }

    /** ElasticMQ starts in this JVM, on a thread of its own: its actor system and HTTP server take a second or more. */
    private void startElasticMq() {
        int port = freePort();
        URI endpoint = embed(SQS, port);
        ready.put(SQS, CompletableFuture.supplyAsync(() -> {
            try {
                elasticMqSystem = ActorSystem.create("elasticmq");
                elasticMq = SQSRestServerBuilder.withActorSystem(elasticMqSystem).withInterface("127.0.0.1").withPort(port).start();
                elasticMq.waitUntilStarted();
                return endpoint;
            } catch (RuntimeException e) {
                throw new StartFailure("ElasticMQ (SQS) did not start on port " + port + ": " + e.getMessage(), e);
            }
        }, Emulators::daemon));
    }

    /** S3Proxy starts in this JVM, on a thread of its own, beside the others. */
    private void startS3(Path s3Dir) {
        int port = freePort();
        URI endpoint = embed(S3, port);
        ready.put(S3, CompletableFuture.supplyAsync(() -> {
            try {
                s3 = S3Server.start(s3Dir, port);
                return endpoint;
            } catch (RuntimeException e) {
                throw new StartFailure("S3Proxy (S3) did not start on port " + port + ": " + e.getMessage(), e);
            }
        }, Emulators::daemon));
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "stepwise-emulator-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * node_modules/dynalite/cli.js under the directory named by {@code stepwise.home}, the working
     * directory or one of its parents, or the directory above the jar (target/stepwise.jar).
     */
    static Path findDynalite() {
        List<Path> roots = new ArrayList<>();
        String home = System.getProperty("stepwise.home");
        if (home != null) {
            roots.add(Path.of(home));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            roots.add(dir);
        }
        try {
            Path jar = Path.of(Emulators.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                roots.add(dir);
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // no code source: the other roots must do
        }
        for (Path root : roots) {
            Path cli = root.resolve("node_modules/dynalite/cli.js");
            if (Files.isRegularFile(cli)) {
                return cli;
            }
        }
        throw new StartFailure("dynalite is not installed: run 'npm ci' in the Stepwise checkout "
                + "(or give --endpoint dynamodb=URL)", null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void waitForPort(int port, Process process) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StartFailure("dynalite exited with status " + process.exitValue() + " on start", null);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StartFailure("interrupted while waiting for dynalite", e);
                }
            }
        }
        throw new StartFailure("dynalite did not answer on port " + port + " within 30 s", null);
    }

    @Override
    public synchronized void close() {
        for (String service : List.of(SQS, S3)) {
            CompletableFuture<URI> starting = ready.get(service);
            if (starting != null) {
                starting.exceptionally(failed -> null).join(); // a server still starting is stopped once it has
            }
        }
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (elasticMq != null) {
            // Its actor system is ours, so it is stopped outright: ElasticMQ's own stop gives an open
            // connection (a poller's long poll) up to a second, and a poller left waiting in a socket
            // read makes the JVM's exit wait 300 ms more for it. Not waited for: a JVM that exits
            // takes the rest down.
            elasticMq.stopAndGetFuture().apply();
            elasticMqSystem.terminate();
            elasticMq = null;
        }
        if (dynalite != null) {
            dynalite.destroy();
            try {
                if (!dynalite.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    dynalite.destroyForcibly();
                }
            } catch (InterruptedException e) {
                dynalite.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            dynalite = null;
        }
        if (dataLock != null) {
            dataLock.close();
            dataLock = null;
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it closes again harmlessly
            }
            shutdownHook = null;
        }
    }
}
