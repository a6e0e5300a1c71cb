package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.StepBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The step worker: an SQS event source mapping delivers batches of step messages; each is one
 * state of one execution. Failed messages are reported one by one (ReportBatchItemFailures), so
 * a poison message is retried alone and never fails the batch.
 */
@Named(StepWorkerHandler.NAME)
public class StepWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final String NAME = "step-worker";
    private static final Logger LOG = Logger.getLogger(StepWorkerHandler.class);

    @Inject
    DurableRuntime runtime;

    @Inject
    EmfMetrics metrics;

    /** Where the EMF documents go: stdout, a line each, which CloudWatch Logs reads on Lambda. */
    PrintStream metricsOut = System.out;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        StepBatch batch = new StepBatch(runtime, (record, error) -> LOG.warnf(error, "step message %s failed (receive %d)",
                record.messageId(), record.receiveCount()));
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (tooLateForAnotherStep(context)) {
                // Handed back untouched rather than cut off by the function's timeout mid-step.
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            // One record at a time, so every log line of a step carries its execution (and, once
            // the runtime names it, its state) and each step's latency is measured alone.
            StepBatch.Record record = new StepBatch.Record(message.getMessageId(), message.getBody(), receiveCount(message));
            MDC.put(ExecutionObserver.EXECUTION_ARN, executionOf(message.getBody()));
            long start = System.nanoTime();
            try {
                for (String id : batch.process(List.of(record))) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(id));
                }
            } finally {
                metrics.stepLatency((System.nanoTime() - start) / 1_000_000);
                MDC.remove(ExecutionObserver.EXECUTION_ARN);
                MDC.remove(ExecutionObserver.STATE_NAME);
            }
        }
        for (ObjectNode document : metrics.drain(Instant.now())) {
            metricsOut.println(Json.write(document));
        }
        return new SQSBatchResponse(failures);
    }

    /**
     * A step may evaluate user input for its full bound (10 seconds): ten such steps in one batch
     * outlast a 60-second function. A step is not begun unless the bound and a margin for its
     * writes fit in the time left; a context that knows no time left (a test's) never defers.
     */
    private boolean tooLateForAnotherStep(Context context) {
        if (context == null) {
            return false;
        }
        long remaining = context.getRemainingTimeInMillis();
        long needed = runtime.options().engine().evaluationTimeout().toMillis() + WRITE_MARGIN_MILLIS;
        return remaining > 0 && remaining < needed;
    }

    private static final long WRITE_MARGIN_MILLIS = 5_000;

    private static String executionOf(String body) {
        try {
            return StepMessage.fromJson(body).execution();
        } catch (IllegalArgumentException notAStep) {
            return "";
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
