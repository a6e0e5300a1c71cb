package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.store.Store;
import dev.stepwise.store.dynamo.DynamoSchema;
import dev.stepwise.tasks.NoIntegrations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Waits longer than SQS's 900-second DelaySeconds, driven by hand on a clock the test moves:
 * the real store, a queue that records each send and its delay.
 */
class LongWaitHopsTest {
    @BeforeAll
    static void layer() {
        SharedEmulators.assumeLanguageLayer();
    }

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    record Sent(StepMessage message, int delay) {
    }

    @Test
    void aWaitOf2000SecondsHopsThroughTheQueueIn900SecondSteps() {
        TestClock clock = new TestClock();
        Deque<Sent> sent = new ArrayDeque<>();
        StepQueue recording = new StepQueue() {
            @Override
            public void send(StepMessage message, int delaySeconds) {
                if (delaySeconds > MAX_DELAY_SECONDS) {
                    throw new IllegalArgumentException("SQS refuses DelaySeconds " + delaySeconds);
                }
                sent.add(new Sent(message, delaySeconds));
            }

            @Override
            public void sendAll(List<StepMessage> messages) {
                messages.forEach(m -> send(m, 0));
            }
        };
        var dynamo = new AwsClients("us-east-1", new RequestCounter()).dynamoDb(SharedEmulators.dynamo());
        DynamoSchema.createTableIfMissing(dynamo, "stepwise");
        Store store = Store.dynamo(dynamo, "stepwise");
        DurableRuntime runtime = new DurableRuntime(store, recording, new NoIntegrations(), clock, RuntimeOptions.defaults());
        String machine = runtime.createStateMachine("hops" + System.nanoTime(), """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":2000,"Next":"P"},"P":{"Type":"Pass","End":true}}}""",
                "arn:aws:iam::123456789012:role/test");
        String arn = runtime.startExecution(machine, "long", Json.parse("{\"a\":1}"));
        List<Integer> delays = new ArrayList<>();
        while (!sent.isEmpty()) {
            Sent next = sent.poll();
            if (next.message().step().equals(StepMessage.CHECK)) {
                continue; // the execution's check (its start finished): not a hop of the Wait
            }
            delays.add(next.delay());
            clock.now = clock.now.plus(Duration.ofSeconds(next.delay()));
            runtime.process(next.message(), 1);
        }
        assertEquals(List.of(0, 900, 900, 200, 0), delays, "start; the Wait sleeps 900 s, hops 900 s, then the last 200 s; the Pass");
        var header = store.headers().header(arn).orElseThrow();
        assertEquals(ExecutionStatus.SUCCEEDED, header.status());
        assertEquals(Instant.parse("2026-01-01T00:33:20Z"), header.stopDate());
    }
}
