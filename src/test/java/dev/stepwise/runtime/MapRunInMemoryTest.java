package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.MemoryPoller;
import dev.stepwise.queue.InMemoryStepQueue;
import dev.stepwise.queue.VirtualClock;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Store;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MapRunInMemoryTest {
    private static final String MACHINE = """
            {"StartAt": "Items", "States": {"Items": {"Type": "Map", "Label": "Items", %s
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}, "End": true}}}""";

    @Test
    void aDistributedMapOfManyItemsSucceeds() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Store store = Store.inMemory();
        InMemoryStepQueue queue = new InMemoryStepQueue(clock, 30);
        DurableRuntime runtime = new DurableRuntime(store, queue, (request, key) -> new Resumption.TaskSucceeded(request.parameters()),
                clock, RuntimeOptions.defaults());
        String machine = runtime.createStateMachine("m", MACHINE.formatted("\"MaxConcurrency\": 2,"), "arn:aws:iam::123456789012:role/r");
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }
        String arn = runtime.startExecution(machine, "e1", Json.parse(items + "]"));
        MemoryPoller.drain(queue, runtime, clock);
        ExecutionHeader header = store.headers().header(arn).orElseThrow();
        assertEquals("SUCCEEDED", header.status().name(), header.error() + ": " + header.cause());
        assertEquals(Json.parse(items + "]"), header.output());
    }
}
