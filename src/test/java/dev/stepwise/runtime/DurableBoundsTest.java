package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A poison step on the durable runtime (real DynamoDB and SQS emulators, one worker) holds its
 * worker for one evaluation bound, fails its execution with the bound's error, and is not handed
 * back for redelivery; an ordinary execution on the same worker still finishes.
 */
class DurableBoundsTest {
    private static final Duration BOUND = Duration.ofMillis(500);
    /** Generous: a catastrophic expression unbounded runs for minutes; a loaded machine must not fail this. */
    private static final Duration SLACK = Duration.ofSeconds(20);

    @Test
    void aHostileStepFailsItsExecutionAtTheBoundWhileAnotherExecutionOnTheSameWorkerFinishes() throws Exception {
        SharedEmulators.assumeLanguageLayer();
        List<RuntimeException> workerFailures = new CopyOnWriteArrayList<>();
        RuntimeOptions options = RuntimeOptions.defaults()
                .withEngine(EngineOptions.defaults().withEvaluationTimeout(BOUND)).withTimeScale(0.1);
        try (LocalRuntime local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("bounds")).workers(1).options(options)
                .onFailure((message, error) -> workerFailures.add(error)).start()) {
            String hostile = local.runtime().createStateMachine("hostile", """
                    {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
                     "Output": "{% $match($states.input.text, /(.*x){15}y/) %}", "End": true}}}""",
                    "arn:aws:iam::123456789012:role/test");
            String huge = local.runtime().createStateMachine("huge", """
                    {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
                     "Output": "{% $pad('x', 100000000) %}", "End": true}}}""", "arn:aws:iam::123456789012:role/test");
            String ordinary = local.runtime().createStateMachine("ordinary", """
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "W"},
                     "W": {"Type": "Wait", "Seconds": 1, "Next": "B"}, "B": {"Type": "Pass", "End": true}}}""",
                    "arn:aws:iam::123456789012:role/test");

            long start = System.nanoTime();
            String slow = local.runtime().startExecution(hostile, "slow", Json.parse("{\"text\": \"" + "x".repeat(30) + "\"}"));
            String big = local.runtime().startExecution(huge, "big", Json.parse("{}"));
            String fine = local.runtime().startExecution(ordinary, "fine", Json.parse("{\"ok\": true}"));

            ExecutionHeader slowEnd = local.awaitEnd(slow, Duration.ofSeconds(60));
            // From its start to its end, queue latency included: at least as long as its step held the worker.
            Duration held = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(ExecutionStatus.FAILED, slowEnd.status());
            assertEquals("States.QueryEvaluationError", slowEnd.error());
            assertTrue(slowEnd.cause().endsWith("Expression evaluation timeout: Check for infinite loop"), slowEnd.cause());
            ExecutionHeader bigEnd = local.awaitEnd(big, Duration.ofSeconds(60));
            assertEquals("States.QueryEvaluationError", bigEnd.error());
            assertTrue(bigEnd.cause().endsWith("Expression evaluation memory limit exceeded: Check for excessive memory usage"),
                    bigEnd.cause());
            ExecutionHeader fineEnd = local.awaitEnd(fine, Duration.ofSeconds(60));
            assertEquals(ExecutionStatus.SUCCEEDED, fineEnd.status(), fineEnd.error() + " " + fineEnd.cause());

            // Failed once, by the engine: no redelivery, nothing dead-lettered, no worker failure.
            assertEquals(List.of("ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"), types(local, slow));
            assertEquals(List.of(), workerFailures);
            System.out.println("a hostile execution started and failed in " + held.toMillis() + " ms (bound " + BOUND.toMillis() + " ms)");
            assertTrue(held.compareTo(BOUND.plus(SLACK)) < 0, "held " + held);
        }
    }

    private static List<String> types(LocalRuntime local, String arn) {
        List<String> types = new ArrayList<>();
        local.runtime().store().steps().history(arn).forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
