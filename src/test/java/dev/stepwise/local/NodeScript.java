package dev.stepwise.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a Node.js test file of the console (node --test) from JUnit, so {@code ./mvnw verify} runs
 * it; skips, saying why on stdout and in the report, where node is not installed.
 */
final class NodeScript {
    record Result(int exitCode, String output) {
    }

    private NodeScript() {
    }

    /** The node --version line, or skips the calling test with the reason. */
    static String requireNode() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return version;
            }
            skip("node --version failed: " + version);
        } catch (IOException e) {
            skip("node is not installed (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            skip("interrupted");
        }
        return null;
    }

    static void skip(String reason) {
        System.out.println("console tests: SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    /** {@code node --test <files>} in the project directory; its TAP output is echoed to stdout. */
    static Result test(Map<String, String> environment, long timeoutSeconds, String... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=tap"));
        command.addAll(List.of(files));
        Path log = Files.createTempFile("stepwise-node", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log) + (done ? "" : "\n(node ran longer than " + timeoutSeconds + " s and was stopped)");
            System.out.println(output);
            return new Result(done ? process.exitValue() : -1, output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
