package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.local.MemoryPoller;
import dev.stepwise.queue.InMemoryStepQueue;
import dev.stepwise.queue.VirtualClock;
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

        List<String> history = new ArrayList<>();
        runtime.store().steps().history(arn).forEach(e -> history.add(e.get("type").asText()));
        DurableGoldenFixturesTest.assertMeets(fixture, runtime.store().headers().header(arn).orElseThrow(), history);
    }
}
