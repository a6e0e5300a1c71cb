package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import dev.stepwise.local.MemoryPoller;
import dev.stepwise.queue.InMemoryStepQueue;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.queue.VirtualClock;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Map Run's children counted in chunks, chunks in groups of 1,000, groups in the run's root, on
 * the in-memory store (the same items and conditional writes as DynamoDB's): runs whose chunks
 * span windows and groups end once every child ended, with the outputs in item order, and
 * DescribeMapRun counts every child and item.
 */
class MapRunCountingTest {
    private static final String MACHINE = """
            {"StartAt": "Items", "States": {"Items": {"Type": "Map", "Label": "Items", "MaxConcurrency": %d,
              "ItemSelector": {"n.$": "$$.Map.Item.Value"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                "StartAt": "Work", "States": {"Work": {"Type": "Pass", "OutputPath": "$.n", "End": true}}}, "End": true}}}""";

    @ParameterizedTest(name = "{0} items, MaxConcurrency {1}")
    @CsvSource({"10, 2", "1200, 300", "1001, 1"})
    void aRunOfManyChunksEndsOnceEveryChildEndedWithItsOutputsInOrder(int items, int maxConcurrency) {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Store store = Store.inMemory();
        InMemoryStepQueue queue = new InMemoryStepQueue(clock, 30);
        DurableRuntime runtime = new DurableRuntime(store, queue, (request, key) -> new Resumption.TaskSucceeded(request.parameters()),
                clock, RuntimeOptions.defaults());
        String machine = runtime.createStateMachine("m", MACHINE.formatted(maxConcurrency), "arn:aws:iam::123456789012:role/r");
        ArrayNode input = Json.NODES.arrayNode();
        for (int i = 0; i < items; i++) {
            input.add(i);
        }
        String arn = runtime.startExecution(machine, "e1", input);
        MemoryPoller.drain(queue, runtime, clock);
        ExecutionHeader header = store.headers().header(arn).orElseThrow();
        assertEquals("SUCCEEDED", header.status().name(), header.error() + ": " + header.cause());
        assertEquals(input, header.output());
        String mapRunArn = store.steps().history(arn).findValues("mapRunArn").get(0).asText();
        MapRuns.View run = runtime.mapRuns().describe(mapRunArn).orElseThrow();
        assertEquals("SUCCEEDED", run.status());
        assertEquals(items, run.executions().succeeded());
        assertEquals(items, run.executions().total());
        assertEquals(0, run.executions().running() + run.executions().pending());
        assertEquals(items, run.items().succeeded());
    }

    /**
     * Every child's start sends a check message that comes a minute later, long after a short child
     * ended. A check that finds its child ended and already counted must not count it again: a
     * replayed count restarts every start its chunk allowed so far, and each restart checked again,
     * which took a 10,000-item run to hundreds of thousands of messages.
     */
    @Test
    void checksOfChildrenThatEndedAndWereCountedSendNothingMore() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Store store = Store.inMemory();
        InMemoryStepQueue queue = new InMemoryStepQueue(clock, 30);
        AtomicLong sent = new AtomicLong();
        StepQueue counting = new StepQueue() {
            @Override
            public void send(StepMessage message, int delaySeconds) {
                sent.incrementAndGet();
                queue.send(message, delaySeconds);
            }

            @Override
            public void sendAll(List<StepMessage> messages) {
                sent.addAndGet(messages.size());
                queue.sendAll(messages);
            }
        };
        DurableRuntime runtime = new DurableRuntime(store, counting, (request, key) -> new Resumption.TaskSucceeded(request.parameters()),
                clock, RuntimeOptions.defaults());
        String machine = runtime.createStateMachine("m", MACHINE.formatted(100), "arn:aws:iam::123456789012:role/r");
        int items = 2000;
        ArrayNode input = Json.NODES.arrayNode();
        for (int i = 0; i < items; i++) {
            input.add(i);
        }
        String arn = runtime.startExecution(machine, "e1", input);
        MemoryPoller.drain(queue, runtime, clock);
        assertEquals("SUCCEEDED", store.headers().header(arn).orElseThrow().status().name());
        // A child: its check, its step, its end's notice, a share of the start messages (one per 25).
        assertTrue(sent.get() <= 4L * items, sent.get() + " messages for " + items + " children");
    }
}
