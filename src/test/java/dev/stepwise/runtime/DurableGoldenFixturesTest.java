package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.tasks.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine's golden fixtures (src/test/resources/asl, expectations from AWS docs and
 * recordings), run through the durable path: DynamoDB, SQS, one step per message. Left out:
 * fixtures whose expectation depends on the fixed execution the in-memory runner fakes (its
 * name, ARN, start time), on a timeout, or that would sleep more than 2 s of real time.
 */
class DurableGoldenFixturesTest {
    private static final Path ROOT = Path.of("src/test/resources/asl");
    private static final List<String> FAKED = List.of("fixture-execution", "Fixture", "2024-01-01",
            "$$.Execution", "$$.StateMachine", "$$.State.EnteredTime", "$$.Task", "\"$$\"",
            "$states.context.Execution", "$states.context.StateMachine", "$states.context.State.EnteredTime",
            "$states.context\"", "$now(", "$millis(", "Timestamp");

    @TestFactory
    Stream<DynamicTest> goldenFixturesBehaveTheSameThroughTheDurablePath() throws Exception {
        SharedEmulators.assumeLanguageLayer();
        Map<String, JsonNode> fixtures = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("/validation/"))
                    .sorted().toList()) {
                JsonNode fixture = Json.parse(Files.readString(file));
                if (runnable(fixture)) {
                    fixtures.put(ROOT.relativize(file).toString(), fixture);
                }
            }
        }
        FixtureTasks tasks = new FixtureTasks();
        Map<String, String> arns = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        try (LocalRuntime local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("golden")).workers(8).tasks(tasks).start()) {
            int n = 0;
            for (Map.Entry<String, JsonNode> entry : fixtures.entrySet()) {
                JsonNode fixture = entry.getValue();
                String machine = local.runtime().createStateMachine("golden" + (n++) + "-" + System.nanoTime(),
                        Json.write(fixture.get("definition")), "arn:aws:iam::000000000000:role/golden");
                // Its mocked results are in place before the execution can reach a Task.
                tasks.results.put(machine.replace(":stateMachine:", ":execution:") + ":golden", fixture.path("taskResults"));
                String arn = local.runtime().startExecution(machine, "golden", input(fixture));
                arns.put(entry.getKey(), arn);
            }
            Map<String, ExecutionHeader> ends = new LinkedHashMap<>();
            Map<String, List<String>> histories = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : arns.entrySet()) {
                ends.put(entry.getKey(), local.awaitEnd(entry.getValue(), Duration.ofSeconds(60)));
                List<String> types = new ArrayList<>();
                local.runtime().store().steps().history(entry.getValue()).forEach(e -> types.add(e.get("type").asText()));
                histories.put(entry.getKey(), types);
            }
            for (String name : fixtures.keySet()) {
                tests.add(DynamicTest.dynamicTest(name + ": " + fixtures.get(name).path("description").asText(),
                        () -> assertMeets(fixtures.get(name), ends.get(name), histories.get(name))));
            }
        }
        return tests.stream();
    }

    /**
     * The fixture's expectation met by an execution's end and its history's event types. Branches
     * interleave differently on a queue than in the in-memory runner: for a Parallel or Map the
     * events are compared as a multiset, and a cause (which may name the branch that failed first) is not.
     */
    static void assertMeets(JsonNode fixture, ExecutionHeader end, List<String> history) {
        JsonNode expect = fixture.get("expect");
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
            List<String> actual = new ArrayList<>(history);
            if (concurrent) {
                expected.sort(null);
                actual.sort(null);
            }
            assertEquals(expected, actual, "events");
        }
    }

    private static JsonNode input(JsonNode fixture) {
        return fixture.has("input") ? fixture.get("input") : Json.object();
    }

    private static boolean runnable(JsonNode fixture) {
        String status = fixture.path("expect").path("status").asText();
        if (status.equals("INVALID") || status.equals("TIMED_OUT")) {
            return false;
        }
        String text = Json.write(fixture);
        for (String faked : FAKED) {
            if (text.contains(faked)) {
                return false;
            }
        }
        return !fixture.path("definition").has("TimeoutSeconds") && maxSeconds(fixture.get("definition")) <= 2;
    }

    /** The largest Seconds/IntervalSeconds/MaxDelaySeconds anywhere in the definition. */
    private static long maxSeconds(JsonNode node) {
        long max = 0;
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNumber() && List.of("Seconds", "IntervalSeconds", "MaxDelaySeconds").contains(field.getKey())) {
                    max = Math.max(max, field.getValue().asLong());
                }
                max = Math.max(max, maxSeconds(field.getValue()));
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                max = Math.max(max, maxSeconds(item));
            }
        }
        return max;
    }

    /** The fixtures' mocked task results, per execution: by state name, consumed in order, the last one repeating. */
    static final class FixtureTasks implements TaskExecutor {
        final Map<String, JsonNode> results = new ConcurrentHashMap<>();
        private final Map<String, Integer> calls = new ConcurrentHashMap<>();

        @Override
        public Resumption execute(TaskRequest request, String idempotencyKey) {
            String execution = idempotencyKey.substring(0, idempotencyKey.indexOf("/S#"));
            JsonNode byState = results.getOrDefault(execution, Json.object()).get(request.stateName());
            if (byState == null || byState.isEmpty()) {
                return new Resumption.TaskSucceeded(request.parameters());
            }
            int call = calls.merge(execution + "\n" + request.stateName(), 1, Integer::sum) - 1;
            JsonNode result = byState.get(Math.min(call, byState.size() - 1));
            if (result.has("error")) {
                return new Resumption.TaskFailed(result.get("error").asText(),
                        result.path("cause").isMissingNode() ? null : result.get("cause").asText());
            }
            return new Resumption.TaskSucceeded(result.get("output"));
        }
    }
}
