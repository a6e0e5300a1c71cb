package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.runtime.RuntimeOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --in-memory} runs the durable runtime (DurableRun on MemoryApi), not the engine's
 * in-memory runner: what only the runtime has — nested executions, Map Run children that are
 * executions with a history of their own — works there, with no emulator and waits passing at once.
 */
class RunInMemoryTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return StepwiseCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aTaskStartsANestedExecutionOfTheMachineItselfInThisProcess() throws IOException {
        // The machine is named after its file, so it can start itself: the child takes the Choice's other way.
        Path definition = dir.resolve("nest.json");
        Files.writeString(definition, """
                {"StartAt": "Depth", "States": {
                  "Depth": {"Type": "Choice", "Choices": [{"Variable": "$.child", "IsPresent": true, "Next": "Leaf"}],
                    "Default": "Start"},
                  "Leaf": {"Type": "Pass", "Result": {"from": "child"}, "End": true},
                  "Start": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
                    "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:nest",
                      "Input": {"child": true}},
                    "ResultSelector": {"status.$": "$.Status", "output.$": "$.Output"}, "End": true}}}""");
        assertEquals(0, run("run", definition.toString(), "--in-memory"), err.toString(StandardCharsets.UTF_8));
        // .sync:2 gives the child's DescribeExecution with its Output as JSON (AWS developer guide,
        // "Start a new AWS Step Functions state machine from a running execution").
        assertEquals(Json.parse("{\"status\": \"SUCCEEDED\", \"output\": {\"from\": \"child\"}}"),
                Json.parse(out.toString(StandardCharsets.UTF_8)));
        String trace = err.toString(StandardCharsets.UTF_8);
        assertTrue(trace.contains("TaskStateEntered Start") && trace.contains("execution SUCCEEDED"), trace);
        assertTrue(trace.lines().noneMatch(line -> line.startsWith("endpoint ")), "no emulator starts: " + trace);
    }

    @Test
    void distributedMapChildrenAreExecutionsWithTheirOwnHistoryAndAnHoursWaitPassesAtOnce() throws Exception {
        String definition = """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Map", "States": {"Map": {"Type": "Map", "End": true, "ItemsPath": "$.items",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3600, "End": true}}}}}},
                  {"StartAt": "Other", "States": {"Other": {"Type": "Wait", "Seconds": 3600, "End": true}}}]}}}""";
        DurableRun.Options options = DurableRun.Options.defaults().withRuntime(RuntimeOptions.defaults().withTimeScale(0));
        long start = System.nanoTime();
        try (DurableRun run = DurableRun.inMemory(options)) {
            DurableRun.Result result = run.execute("fan", definition, Json.parse("{\"items\": [1, 2]}"), null,
                    DurableRun.Progress.NONE);
            assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.error() + ": " + result.cause());
            assertEquals(Json.parse("[[1, 2], {\"items\": [1, 2]}]"), result.output());
            String mapRunArn = run.history(result.executionArn()).stream().map(StoredEvent::event)
                    .map(event -> event.details()).filter(EventDetails.MapRunStarted.class::isInstance)
                    .map(details -> ((EventDetails.MapRunStarted) details).mapRunArn()).findFirst().orElseThrow();
            for (int index = 0; index < 2; index++) {
                String child = MapRun.childArn(mapRunArn, MapRun.childName(mapRunArn, index));
                List<String> types = run.history(child).stream().map(event -> event.event().type().name()).toList();
                assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"), types, child);
            }
        }
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "the hours' waits pass at once at time scale 0");
    }
}
