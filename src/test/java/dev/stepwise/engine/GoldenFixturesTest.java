package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachine;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.asl.validate.Diagnostic;
import dev.stepwise.asl.validate.InvalidDefinitionException;
import dev.stepwise.engine.history.HistoryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden fixture under src/test/resources/asl/&lt;feature&gt;/ through the parser and the
 * in-memory runner, one container of cases per feature. The expectations in the fixtures come
 * from the AWS documentation and recordings made on AWS, never from this code.
 */
class GoldenFixturesTest {
    private static final Path ROOT = Path.of("src/test/resources/asl");
    /** The validator's fixtures have their own runner (DefinitionValidatorFixturesTest). */
    private static final String VALIDATION = "validation";

    @TestFactory
    Stream<DynamicNode> everyFixtureBehavesAsOnAws() throws IOException {
        List<DynamicNode> features = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (dir.getFileName().toString().equals(VALIDATION)) {
                    continue;
                }
                List<DynamicTest> cases = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                        JsonNode fixture = read(file);
                        String name = file.getFileName().toString().replace(".json", "") + ": "
                                + fixture.path("description").asText();
                        cases.add(DynamicTest.dynamicTest(name, file.toUri(), () -> check(fixture)));
                    }
                }
                features.add(DynamicContainer.dynamicContainer(dir.getFileName().toString(), cases));
            }
        }
        return features.stream();
    }

    static void check(JsonNode fixture) {
        FixtureExecution.requireOnly(fixture, "fixture", "description", "source", "definition", "input", "taskResults", "expect");
        JsonNode expect = fixture.get("expect");
        FixtureExecution.requireOnly(expect, "expect", "status", "output", "error", "cause", "events", "diagnostics");
        String status = expect.get("status").asText();
        StateMachineParser parser = new StateMachineParser();
        if (status.equals("INVALID")) {
            InvalidDefinitionException invalid = assertThrows(InvalidDefinitionException.class,
                    () -> parser.parse(fixture.get("definition")));
            List<String> codes = invalid.diagnostics().stream().map(Diagnostic::code).toList();
            for (JsonNode d : expect.path("diagnostics")) {
                if (!codes.contains(d.get("code").asText())) {
                    fail("expected diagnostic " + d + " but got " + invalid.diagnostics());
                }
            }
            return;
        }
        StateMachine machine = parser.parse(fixture.get("definition"));
        JsonNode input = FixtureExecution.orEmpty(fixture.get("input"));
        InMemoryRunner.CollectingSink history = new InMemoryRunner.CollectingSink();
        InMemoryRunner runner = new InMemoryRunner(new Engine(EngineOptions.defaults()),
                FixtureExecution.mockedTasks(fixture.get("taskResults")));
        InMemoryRunner.Result result = runner.run(machine, FixtureExecution.info(input), history, new SplittableRandom(7));
        String actual = result.status() + (result.status() == ExecutionStatus.SUCCEEDED
                ? " output=" + Json.write(result.output())
                : " error=" + result.error() + " cause=" + result.cause());
        assertEquals(status, result.status().name(), actual);
        if (expect.has("output")) {
            if (!Json.sameValue(expect.get("output"), result.output())) {
                fail("expected output " + Json.write(expect.get("output")) + " but got " + actual);
            }
        }
        if (expect.has("error")) {
            assertEquals(expect.get("error").asText(), result.error(), actual);
        }
        if (expect.has("cause")) {
            assertEquals(expect.get("cause").asText(), result.cause(), actual);
        }
        if (expect.has("events")) {
            List<String> expected = new ArrayList<>();
            expect.get("events").forEach(e -> expected.add(e.asText()));
            assertEquals(expected, history.events().stream().map(HistoryEvent::type).map(Enum::name).toList());
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Json.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
