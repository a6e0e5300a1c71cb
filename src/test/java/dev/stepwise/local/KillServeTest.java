package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The promise users pick Stepwise for, tested the hard way: {@code ./stepwise serve --data-dir}
 * is killed with SIGKILL (its JVM alone: the emulator must end with it) three times while clients
 * start 100 executions of a Parallel + Wait + Map workflow, and restarted on the same directory.
 * A client retries a StartExecution that failed with the same name and input, as the AWS SDKs do.
 * In the end every execution succeeded once, with event ids 1..n and the same events as a run
 * that was never interrupted.
 */
class KillServeTest {
    private static final String DEFINITION = """
            {"StartAt":"Fan","States":{
              "Fan":{"Type":"Parallel","Next":"Nap","Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":[1,2],"End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":1,"Next":"B2"},"B2":{"Type":"Pass","Result":"b","End":true}}}]},
              "Nap":{"Type":"Wait","Seconds":1,"Next":"Each"},
              "Each":{"Type":"Map","End":true,"ItemsPath":"$[0]","ItemProcessor":{"StartAt":"E","States":{
                "E":{"Type":"Pass","End":true}}}}}}""";
    private static final int EXECUTIONS = 100;
    private static final int KILLS = 3;

    @Test
    void executionsStartedWhileTheServerIsKilledThreeTimesAllFinishOnceWithGaplessHistories(@TempDir Path data) throws Exception {
        int port = freePort();
        Server server = Server.start(data, port);
        SfnClient sfn = client(port);
        String machine = retrying(() -> sfn.createStateMachine(b -> b.name("killed").definition(DEFINITION)
                .roleArn("arn:aws:iam::123456789012:role/x")).stateMachineArn());
        ExecutionStarts starts = new ExecutionStarts(sfn, machine);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> started = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            int n = i;
            started.add(clients.submit(() -> starts.start("run-" + n, "{\"n\":" + n + "}")));
        }
        SplittableRandom random = new SplittableRandom(13);
        for (int kill = 0; kill < KILLS; kill++) {
            // Kill while starts are in flight: after a few more of them have been answered.
            int target = starts.answered.get() + 5 + random.nextInt(15);
            while (starts.answered.get() < Math.min(target, EXECUTIONS - 10)) {
                Thread.sleep(5);
            }
            server.kill();
            server = Server.start(data, port);
        }
        for (Future<?> start : started) {
            start.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();
        Server last = server;
        try {
            Map<String, Integer> reference = null;
            for (int i = 0; i < EXECUTIONS; i++) {
                String arn = machine.replace(":stateMachine:", ":execution:") + ":run-" + i;
                ExecutionStatus status = awaitEnd(sfn, arn);
                assertEquals(ExecutionStatus.SUCCEEDED, status, arn);
                List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events();
                for (int e = 0; e < history.size(); e++) {
                    assertEquals(e + 1, history.get(e).id(), "event ids of " + arn + " are 1..n");
                }
                Map<String, Integer> types = new TreeMap<>();
                history.forEach(event -> types.merge(event.typeAsString(), 1, Integer::sum));
                if (reference == null) {
                    reference = types;
                }
                assertEquals(reference, types, "the same events, each once, in " + arn);
            }
            assertEquals(EXECUTIONS, sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(1000)).executions().size());
            assertTrue(starts.retried.get() > 0, "the kills must hit starts in flight; none was retried");
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- the server's last output ---\n" + last.tail(), e);
        } finally {
            server.kill();
        }
    }

    /** Starts executions as a client whose SDK retries: a failed call is made again, same name, same input. */
    private static final class ExecutionStarts {
        final SfnClient sfn;
        final String machine;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final Map<String, String> arns = new ConcurrentHashMap<>();

        ExecutionStarts(SfnClient sfn, String machine) {
            this.sfn = sfn;
            this.machine = machine;
        }

        void start(String name, String input) {
            boolean first = true;
            while (true) {
                try {
                    arns.put(name, sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input(input)).executionArn());
                    answered.incrementAndGet();
                    return;
                } catch (ExecutionAlreadyExistsException finished) {
                    // AWS's answer to the same start once the execution has closed: it was started.
                    answered.incrementAndGet();
                    return;
                } catch (SdkClientException | SfnException down) {
                    if (first) {
                        retried.incrementAndGet();
                        first = false;
                    }
                    sleep(200);
                }
            }
        }
    }

    private static ExecutionStatus awaitEnd(SfnClient sfn, String arn) {
        long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            ExecutionStatus status = sfn.describeExecution(b -> b.executionArn(arn)).status();
            if (status != ExecutionStatus.RUNNING || System.nanoTime() > until) {
                return status;
            }
            sleep(200);
        }
    }

    private static <T> T retrying(java.util.function.Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (SdkClientException notYet) {
                if (attempt > 100) {
                    throw notYet;
                }
                sleep(200);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SfnClient client(int port) {
        return SfnClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** {@code stepwise serve} in a JVM of its own, on the test classpath; its output goes to a log file beside the data. */
    private record Server(Process process, Path log) {
        private static final AtomicInteger STARTS = new AtomicInteger();

        static Server start(Path data, int port) throws IOException, InterruptedException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path log = data.resolveSibling(data.getFileName() + "-serve-" + STARTS.incrementAndGet() + ".log");
            Process process = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    StepwiseCli.class.getName(), "serve", "--port", String.valueOf(port), "--data-dir", data.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!Files.readString(log).contains("listening on ")) {
                if (!process.isAlive() || System.nanoTime() > until) {
                    throw new IllegalStateException("serve did not start:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            return new Server(process, log);
        }

        /** SIGKILL of the JVM alone: no shutdown hook runs, its emulator child is not signalled. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        /** What the server printed last, for a failure's message. */
        String tail() {
            try {
                String text = Files.readString(log);
                return text.substring(Math.max(0, text.length() - 6000));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }
}
