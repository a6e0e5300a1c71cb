package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.local.Emulators;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local runner with a data directory that goes away mid-execution (its in-memory queue and
 * every message in flight with it) resumes its RUNNING executions when started again.
 */
class DurableRecoveryTest {
    @BeforeAll
    static void layer() {
        SharedEmulators.assumeLanguageLayer();
    }

    @Test
    void executionsCutOffWithTheirQueueFinishOnceAfterARestartOnTheSameDataDirectory(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("dynamodb");
        List<String> arns = new ArrayList<>();
        TestTasks tasks = new TestTasks();
        try (Emulators first = Emulators.start(Map.of(), data);
             LocalRuntime runner = LocalRuntime.builder(first.endpoint(Emulators.DYNAMODB), first.endpoint(Emulators.SQS))
                     .tasks(tasks).start()) {
            String machine = runner.runtime().createStateMachine("resume", DurableFaultsTest.MIXED, "arn:aws:iam::123456789012:role/test");
            for (int i = 0; i < 5; i++) {
                arns.add(runner.runtime().startExecution(machine, "r" + i, Json.parse("{}")));
            }
            Thread.sleep(500); // every execution is in its Wait or just past it
        }
        assertTrue(Files.isDirectory(data));
        try (Emulators second = Emulators.start(Map.of(), data);
             LocalRuntime runner = LocalRuntime.builder(second.endpoint(Emulators.DYNAMODB), second.endpoint(Emulators.SQS))
                     .tasks(tasks).start()) {
            assertEquals(5, runner.runtime().store().headers().running().size());
            assertTrue(runner.runtime().resumeRunning() >= 5);
            for (String arn : arns) {
                ExecutionHeader end = runner.awaitEnd(arn, Duration.ofSeconds(60));
                assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
                assertEquals(DurableFaultsTest.MIXED_OUTPUT, end.output());
                DurableFaultsTest.assertUniqueIncreasingIds(runner, arn);
            }
        }
    }
}
