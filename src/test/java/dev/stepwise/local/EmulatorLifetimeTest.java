package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded DynamoDB emulator lives exactly as long as the process that started it, and a data directory has one owner. */
class EmulatorLifetimeTest {

    @Test
    void theDynamoDbEmulatorEndsWhenItsJvmIsKilledWithSigkill(@TempDir Path data) throws Exception {
        Process holder = holder(data.resolve("dynamodb"));
        List<ProcessHandle> children = holder.children().toList();
        assertEquals(1, children.size(), "the holder runs one emulator process");
        ProcessHandle dynalite = children.get(0);
        holder.destroyForcibly(); // SIGKILL of the JVM alone: no shutdown hook runs, its child is not signalled
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        dynalite.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(dynalite.isAlive(), "the emulator ended with its JVM");
    }

    @Test
    void aSecondProcessOnALiveDataDirectorySaysInOneLineWhichProcessHoldsIt(@TempDir Path data) throws Exception {
        Process holder = holder(data.resolve("dynamodb"));
        try {
            StepwiseCli.UsageException refused = assertThrows(StepwiseCli.UsageException.class,
                    () -> Emulators.start(Map.of(), data.resolve("dynamodb")).close());
            assertEquals("the data directory " + data + " is in use by another stepwise process (pid " + holder.pid()
                    + "): stop it, or give another --data-dir", refused.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anEmulatorLeftServingADataDirectoryByADeadProcessIsStoppedAndTheDirectoryTakenOver(@TempDir Path data)
            throws Exception {
        Path tables = data.resolve("dynamodb");
        java.nio.file.Files.createDirectories(tables);
        // What a runner killed with SIGKILL left behind before the watchdog: dynalite run directly, orphaned.
        Process orphan = new ProcessBuilder("node", Emulators.findDynalite().toString(), "--host", "127.0.0.1",
                "--port", String.valueOf(freePort()), "--path", tables.toAbsolutePath().toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(500);
            assertTrue(orphan.isAlive());
            try (Emulators emulators = Emulators.start(Map.of(), tables)) {
                assertFalse(orphan.isAlive(), "the orphan was stopped");
                try (var dynamo = new dev.stepwise.aws.AwsClients("us-east-1", new dev.stepwise.aws.RequestCounter())
                        .dynamoDb(emulators.endpoint(Emulators.DYNAMODB))) {
                    dev.stepwise.store.dynamo.DynamoSchema.createTableIfMissing(dynamo, "taken-over");
                    assertTrue(dynamo.listTables().tableNames().contains("taken-over"), "the new emulator serves the tables");
                }
            }
        } finally {
            orphan.destroyForcibly();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Process holder(Path tables) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmulatorHolder.class.getName(), tables.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
            // start-up logs
        }
        assertTrue(line != null, "the holder started its emulators");
        return holder;
    }
}
