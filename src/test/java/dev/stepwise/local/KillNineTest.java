package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a local runner's JVM in the middle of a Wait inside a Parallel; its emulator ends with it. */
class KillNineTest {
    @Test
    void aRunnerKilledMidExecutionIsResumedByTheNextRunOnTheSameDataDirectory(@TempDir Path data) throws Exception {
        try {
            dev.stepwise.asl.path.JsonPath.compile("$");
        } catch (UnsupportedOperationException | LinkageError stub) {
            org.junit.jupiter.api.Assumptions.abort("the asl path layer is a stub on this branch");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process runner = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KillableRunner.class.getName(), data.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean waiting = false;
            while (!waiting && (line = out.readLine()) != null) {
                waiting = line.contains("WaitStateEntered");
            }
            assertTrue(waiting, "the runner reached its Wait state");
            // SIGKILL of the JVM alone: no shutdown hook runs; its dynalite must end with it (watchdog).
            runner.destroyForcibly();
            assertTrue(runner.waitFor(10, TimeUnit.SECONDS));
        }
        DurableRun.Result second = DurableRun.run("other", """
                {"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", Json.parse("{\"second\":true}"),
                DurableRun.Options.defaults().withDataDir(data), DurableRun.Progress.NONE);
        assertEquals(ExecutionStatus.SUCCEEDED, second.status());
        assertEquals(1, second.resumed().size(), "the killed run's execution was resumed");
        DurableRun.Result resumed = second.resumed().get(0);
        assertEquals(ExecutionStatus.SUCCEEDED, resumed.status(), resumed.error() + ": " + resumed.cause());
        assertEquals(Json.parse("[[1,2],\"b\"]"), resumed.output());
    }
}
