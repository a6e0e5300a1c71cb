package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.FixtureExecution;
import dev.stepwise.engine.InMemoryRunner;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden fixtures of the features whose state travels between steps — JSONata and variables,
 * data flow, Choice, Map and Parallel, errors — run again through the durable path (DynamoDB +
 * SQS on the emulators): the same status, output, error and cause as the in-memory engine gives.
 * Features whose fixtures wait in real time (Wait, Retry) or read the fixed execution name
 * (context) stay with the in-memory runner.
 */
class DurableFixturesTest {
    private static final List<String> FEATURES = List.of("jsonata", "variables", "pass", "dataflow", "choice",
            "intrinsics", "parallel", "map", "catch", "succeed-fail", "errors", "task");
    private static final AtomicReference<InMemoryRunner.TaskExecutor> TASKS = new AtomicReference<>();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static LocalRuntime local;

    @BeforeAll
    static void start() {
        SharedEmulators.assumeLanguageLayer();
        local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("fixtures")).workers(2)
                .tasks((request, key) -> TASKS.get().execute(request)).start();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> fixturesGiveTheSameResultThroughTheDurablePath() throws IOException {
        List<DynamicNode> tests = new ArrayList<>();
        for (String feature : FEATURES) {
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/asl", feature))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode fixture = Json.parse(Files.readString(file));
                    String status = fixture.get("expect").get("status").asText();
                    if (status.equals("INVALID")) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(feature + "/" + file.getFileName(), () -> check(fixture)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(JsonNode fixture) throws InterruptedException {
        JsonNode expect = fixture.get("expect");
        TASKS.set(FixtureExecution.mockedTasks(fixture.get("taskResults")));
        String name = "fixture-" + RUNS.incrementAndGet();
        String machine = local.runtime().createStateMachine(name, Json.write(fixture.get("definition")),
                "arn:aws:iam::123456789012:role/StepwiseFixture");
        String execution = local.runtime().startExecution(machine, "fixture-execution", FixtureExecution.orEmpty(fixture.get("input")));
        ExecutionHeader end = local.awaitEnd(execution, Duration.ofMinutes(2));
        String actual = end.status() + " output=" + (end.output() == null ? null : Json.write(end.output()))
                + " error=" + end.error() + " cause=" + end.cause();
        assertEquals(expect.get("status").asText(), end.status().name(), actual);
        if (expect.has("output") && !Json.sameValue(expect.get("output"), end.output())) {
            fail("expected output " + Json.write(expect.get("output")) + " but got " + actual);
        }
        if (expect.has("error")) {
            assertEquals(expect.get("error").asText(), end.error(), actual);
        }
        if (expect.has("cause")) {
            assertEquals(expect.get("cause").asText(), end.cause(), actual);
        }
    }
}
