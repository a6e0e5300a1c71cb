package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.local.MemoryPoller;
import dev.stepwise.queue.InMemoryStepQueue;
import dev.stepwise.queue.VirtualClock;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden fixture (src/test/resources/asl) through the durable runtime itself — its step
 * processor, joins, timeouts and checks — on the store's and the queue's in-memory adapters and a
 * virtual clock: no emulator, so in seconds, and with the fixed execution the in-memory runner
 * runs as (name, ARN, start time), so context-dependent fixtures run too. Left out: fixtures that
 * read a task token (random per step).
 */
class MemoryGoldenFixturesTest {
    private static final Path ROOT = Path.of("src/test/resources/asl");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00.000Z");

    @TestFactory
    Stream<DynamicTest> goldenFixturesBehaveTheSameOnTheDurableRuntimeInMemory() throws Exception {
        SharedEmulators.assumeLanguageLayer();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("/validation/"))
                    .sorted().toList()) {
                JsonNode fixture = Json.parse(Files.readString(file));
                String status = fixture.path("expect").path("status").asText();
                if (status.equals("INVALID") || Json.write(fixture).contains("$$.Task") || Json.write(fixture).contains("Task.Token")) {
                    continue;
                }
                String name = ROOT.relativize(file).toString();
                tests.add(DynamicTest.dynamicTest(name + ": " + fixture.path("description").asText(), () -> check(fixture)));
            }
        }
        return tests.stream();
    }

    private static void check(JsonNode fixture) {
        VirtualClock clock = new VirtualClock(START);
        InMemoryStepQueue queue = new InMemoryStepQueue(clock, 1);
        DurableGoldenFixturesTest.FixtureTasks tasks = new DurableGoldenFixturesTest.FixtureTasks();
        DurableRuntime runtime = new DurableRuntime(Store.inMemory(), queue, tasks, clock, RuntimeOptions.defaults());
        String machine = runtime.createStateMachine("Fixture", Json.write(fixture.get("definition")),
                "arn:aws:iam::123456789012:role/StepwiseFixture");
        String arn = machine.replace(":stateMachine:", ":execution:") + ":fixture-execution";
        tasks.results.put(arn, fixture.path("taskResults"));
        runtime.startExecution(machine, "fixture-execution", fixture.has("input") ? fixture.get("input") : Json.object());
        MemoryPoller.drain(queue, runtime, clock);

        JsonNode expect = fixture.get("expect");
        ExecutionHeader end = runtime.store().headers().header(arn).orElseThrow();
        boolean concurrent = Json.write(fixture.get("definition")).matches("(?s).*\"Type\"\\s*:\\s*\"(Parallel|Map)\".*");
        assertEquals(expect.get("status").asText(), end.status().name(), end.error() + ": " + end.cause());
        if (expect.has("output")) {
            assertEquals(expect.get("output"), end.output(), "output");
        }
        if (expect.has("error")) {
            assertEquals(expect.get("error").asText(), end.error(), "error");
        }
        if (expect.has("cause") && !concurrent) {
            assertEquals(expect.get("cause").asText(), end.cause(), "cause");
        }
        if (expect.has("events")) {
            List<String> expected = new ArrayList<>();
            expect.get("events").forEach(e -> expected.add(e.asText()));
            List<String> actual = new ArrayList<>();
            runtime.store().steps().history(arn).forEach(e -> actual.add(e.get("type").asText()));
            if (concurrent) {
                // branches interleave differently on a queue: compare the events, not their order
                expected.sort(null);
                actual.sort(null);
            }
            assertEquals(expected, actual, "events");
        }
    }
}
