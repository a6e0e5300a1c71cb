package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console end to end in real headless Chromium (Debian's, driven by playwright-core): the
 * server {@code ./stepwise serve} runs (durable runtime on the emulators), and
 * src/test/console/e2e/console.e2e.mjs creates a machine in the editor, starts executions, and
 * checks states turn green, and red with the cause. Screenshots: target/console-e2e/. Skips,
 * saying why, where node, Chromium or playwright-core is missing.
 */
class ConsoleEndToEndTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void aMachineCreatedAndRunFromTheConsoleShowsItsStatesGreenAndAFailureRedWithItsCause() throws Exception {
        NodeScript.requireNode();
        if (!Files.isExecutable(CHROMIUM)) {
            NodeScript.skip(CHROMIUM + " is missing (apt-get install -y chromium)");
        }
        if (!Files.isDirectory(Path.of("node_modules/playwright-core"))) {
            NodeScript.skip("node_modules/playwright-core is missing (npm ci)");
        }
        Emulators emulators = TestEmulators.get();
        String[] args = {"--port", "0", "--endpoint", "dynamodb=" + emulators.endpoint(Emulators.DYNAMODB),
                "--endpoint", "sqs=" + emulators.endpoint(Emulators.SQS)};
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ServeCommand serve = new ServeCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        try (ApiServer server = serve.open(args)) {
            NodeScript.Result result = NodeScript.test(Map.of(
                    "CONSOLE_URL", server.endpoint() + "/console/",
                    "CHROMIUM", CHROMIUM.toString(),
                    "CONSOLE_ARTIFACTS", "target/console-e2e"), 300, "src/test/console/e2e/console.e2e.mjs");
            assertEquals(0, result.exitCode(), result.output() + err.toString(StandardCharsets.UTF_8));
            assertTrue(result.output().contains("# fail 0") && result.output().contains("# skipped 0"), result.output());
        }
        assertTrue(Files.exists(Path.of("target/console-e2e/06-execution-failed.png")));
    }
}
