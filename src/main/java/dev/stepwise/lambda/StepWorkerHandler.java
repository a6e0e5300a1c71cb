package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.MessageDelivery;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * The step worker: an SQS event source mapping delivers batches of step messages; each is one
 * state of one execution. Failed messages are reported one by one (ReportBatchItemFailures), so
 * a poison message is retried alone and never fails the batch.
 */
@Named(StepWorkerHandler.NAME)
public class StepWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final String NAME = "step-worker";

    @Inject
    DurableRuntime runtime;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!MessageDelivery.handle(runtime, message.getBody(), receiveCount(message))) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
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
