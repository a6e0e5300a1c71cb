package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.runtime.RuntimeOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code run --in-memory} runs the durable runtime (DurableRun on MemoryApi), not the engine's
 * in-memory runner: what only the runtime has works there — a Distributed Map's children are
 * executions with a history of their own, run side by side — with no emulator, and waits pass at once.
 */
class RunInMemoryTest {
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
