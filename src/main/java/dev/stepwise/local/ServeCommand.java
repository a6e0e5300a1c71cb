package dev.stepwise.local;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.tasks.mock.MockConfigFile;
import dev.stepwise.tasks.HttpAuth;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import dev.stepwise.tasks.NoIntegrations;
import dev.stepwise.tasks.TaskExecutor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve [--port N] [--region R] [--account A] [--auth sigv4 --credentials KEY:SECRET] [--allow-host NAME]...
 * [--endpoint SERVICE=URL]... [--http-auth [CONNECTION_ARN=]HEADER:VALUE]... [--data-dir DIR] [--in-memory]
 * [--mock FILE] [--time-scale F]}: the Step Functions API on
 * http://127.0.0.1:N (default 8083) for the AWS SDKs and CLI. By default state machines and
 * executions live in DynamoDB and run on the durable runtime (SQS + a poller), on embedded
 * emulators (DynamoDB, SQS, S3) unless {@code --endpoint dynamodb=URL / sqs=URL / s3=URL} names
 * others, as {@code run} does, each announced on stderr as {@code endpoint SERVICE URL};
 * {@code --data-dir} keeps the tables on disk and resumes executions a killed server left running.
 * {@code --in-memory} keeps everything in this process instead. {@code --mock FILE} (or the
 * environment variable SFN_MOCK_CONFIG, as Step Functions Local reads it) mocks Task states per
 * test case; {@code --time-scale F} shortens waits and back-offs. The API answers requests for
 * localhost and loopback addresses only, and for each {@code --allow-host NAME} ({@link AllowedHosts}). Prints
 * {@code listening on http://127.0.0.1:N} on stdout once it accepts requests, then serves until
 * the process is stopped.
 */
public final class ServeCommand {
    static final int DEFAULT_PORT = 8083;

    static final CommandLine.Spec SPEC = new CommandLine.Spec("serve", "",
            "serve the Step Functions API and the console on http://127.0.0.1:8083", """
            Serves the Step Functions API (AWS JSON 1.0) for the AWS SDKs and CLI, and the console
            at /console/, on http://127.0.0.1:N; prints 'listening on http://127.0.0.1:N' when
            ready. State machines and executions live in DynamoDB and run on the durable runtime
            (embedded DynamoDB, SQS and S3 emulators unless --endpoint names others, each announced
            on stderr as 'endpoint SERVICE URL'). TestState and StartSyncExecution
            need the client's host prefix turned off (README, "The local API endpoint").""", List.of(
            new CommandLine.Option("--port", "N", "the port (default 8083; 0 picks a free one)"),
            new CommandLine.Option("--in-memory", null, "keep state machines and executions in this process"),
            new CommandLine.Option("--data-dir", "DIR", "keep the tables and buckets there, across restarts"),
            new CommandLine.Option("--mock", "FILE", "mock configuration: StartExecution on '<ARN>#<TestCase>' (or SFN_MOCK_CONFIG)"),
            new CommandLine.Option("--time-scale", "F", "wait F x the real time in Wait states and retries"),
            new CommandLine.Option("--region", "R", "the region in ARNs (default us-east-1)"),
            new CommandLine.Option("--account", "A", "the account in ARNs (default 123456789012)"),
            new CommandLine.Option("--auth", "sigv4|none", "check AWS Signature V4 on every request (default none)"),
            new CommandLine.Option("--credentials", "KEY:SECRET", "the credentials --auth sigv4 accepts"),
            new CommandLine.Option("--allow-host", "NAME", "answer requests for that Host too, besides localhost (repeatable)"),
            new CommandLine.Option("--endpoint", "SERVICE=URL", "use that endpoint for dynamodb, sqs, s3, lambda, sns, events, states, ... (repeatable)"),
            new CommandLine.Option("--http-auth", "[ARN=]HEADER:VALUE", "a header HTTP Tasks send (repeatable)")));

    /** Step Functions Local's variable naming the mock configuration file; {@code --mock} wins over it. */
    static final String SFN_MOCK_CONFIG = "SFN_MOCK_CONFIG";

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public ServeCommand(PrintStream out, PrintStream err) {
        this(out, err, System.getenv());
    }

    ServeCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String[] args) {
        ApiServer server = open(args);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stepwise-serve-shutdown"));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        return StepwiseCli.OK;
    }

    /** Starts the server as {@link #run} does and prints the ready line; the caller closes it. */
    ApiServer open(String[] args) {
        CommandLine.Parsed options = CommandLine.parse(SPEC, args);
        if (!options.operands().isEmpty()) {
            throw new StepwiseCli.UsageException("serve takes no operands; unexpected '" + options.operands().get(0) + "'");
        }
        int port = port(options.value("--port", String.valueOf(DEFAULT_PORT)));
        String region = options.value("--region", ApiConfig.DEFAULT_REGION);
        String account = options.value("--account", ApiConfig.DEFAULT_ACCOUNT);
        String auth = options.value("--auth", "none");
        String credentials = options.value("--credentials", null);
        boolean inMemory = options.has("--in-memory");
        Path dataDir = options.has("--data-dir") ? Path.of(options.value("--data-dir", null)) : null;
        List<String> endpoints = options.values("--endpoint");
        String mockFile = options.value("--mock", env.get(SFN_MOCK_CONFIG));
        double timeScale = RunCommand.timeScale(options.value("--time-scale", "1"));
        List<String> httpAuth = options.values("--http-auth");
        List<String> allowHosts = options.values("--allow-host");
        SigV4Verifier verifier = verifier(auth, credentials, region);
        if (inMemory && (dataDir != null || !endpoints.isEmpty())) {
            throw new StepwiseCli.UsageException("--in-memory keeps nothing in DynamoDB: drop --endpoint and --data-dir");
        }
        MockConfigFile mocks = mockFile == null || mockFile.isEmpty() ? null : RunCommand.mocks(mockFile);
        Map<String, URI> overrides;
        HttpAuth taskAuth;
        AllowedHosts hosts;
        try {
            overrides = Emulators.parseEndpoints(endpoints);
            taskAuth = HttpAuth.parse(httpAuth);
            hosts = AllowedHosts.loopbackAnd(allowHosts);
        } catch (IllegalArgumentException e) {
            throw new StepwiseCli.UsageException(e.getMessage());
        }
        ApiConfig defaults = ApiConfig.defaults();
        ApiConfig config = new ApiConfig(region, account, defaults.tokenKey());
        List<AutoCloseable> resources = new ArrayList<>();
        ApiServer server;
        try {
            StepFunctionsApi api;
            if (inMemory) {
                // The same runtime on the store's and the queue's in-memory adapters; Task states call no integration.
                MemoryApi memory = MemoryApi.start(config, new NoIntegrations(), mocks, timeScale, bug -> bug.printStackTrace(err));
                resources.add(memory);
                api = memory.api();
            } else {
                api = durable(config, overrides, taskAuth, dataDir, resources, mocks, timeScale, err).runtime().api();
            }
            server = ApiServer.start(api, port, verifier, hosts);
        } catch (IOException e) {
            closeAll(resources);
            throw new StepwiseCli.UsageException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
        resources.forEach(server::alsoClose);
        out.println("listening on http://127.0.0.1:" + server.port());
        out.flush();
        return server;
    }

    /** The emulators (those no --endpoint names) and the durable runtime; {@code resources} gets them in start order. */
    private static DurableApi durable(ApiConfig config, Map<String, URI> overrides, HttpAuth httpAuth, Path dataDir,
                                      List<AutoCloseable> resources, MockConfigFile mocks, double timeScale, PrintStream err) {
        Emulators.startingLine(overrides).ifPresent(err::println);
        Emulators emulators = Emulators.start(overrides, dataDir == null ? null : dataDir.resolve("dynamodb"),
                dataDir == null ? null : dataDir.resolve("s3"));
        resources.add(emulators);
        // Before "listening on": users seed and inspect the emulators' data with the AWS CLI.
        emulators.endpointLines().forEach(err::println);
        err.flush();
        DurableApi durable = DurableApi.start(config, emulators.endpoint(Emulators.DYNAMODB), emulators.endpoint(Emulators.SQS),
                "stepwise", "stepwise-steps", Integrations.create(IntegrationConfig.aws(config.region(), config.account())
                        .withEndpoints(emulators.endpoints()).withHttpAuth(httpAuth)), dataDir != null, mocks, timeScale);
        resources.add(durable);
        return durable;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // already failing: the first error is the one to report
            }
        }
    }

    /** {@code --auth sigv4 --credentials KEY:SECRET} checks AWS Signature V4; {@code --auth none} (the default) does not. */
    private static SigV4Verifier verifier(String auth, String credentials, String region) {
        switch (auth) {
            case "none" -> {
                if (credentials != null) {
                    throw new StepwiseCli.UsageException("--credentials needs --auth sigv4");
                }
                return null;
            }
            case "sigv4" -> {
                int colon = credentials == null ? -1 : credentials.indexOf(':');
                if (colon <= 0 || colon == credentials.length() - 1) {
                    throw new StepwiseCli.UsageException("--auth sigv4 needs --credentials ACCESS_KEY_ID:SECRET_ACCESS_KEY");
                }
                String keyId = credentials.substring(0, colon);
                String secret = credentials.substring(colon + 1);
                return new SigV4Verifier(id -> id.equals(keyId) ? secret : null, java.time.Clock.systemUTC(), region, SigV4Verifier.STATES);
            }
            default -> throw new StepwiseCli.UsageException("--auth is sigv4 or none, not '" + auth + "'");
        }
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StepwiseCli.UsageException("--port needs a port number (0-65535), not '" + value + "'");
        }
    }
}
