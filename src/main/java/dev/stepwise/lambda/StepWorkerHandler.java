package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.StepBatch;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

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

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<StepBatch.Record> records = new ArrayList<>(event.getRecords().size());
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            records.add(new StepBatch.Record(message.getMessageId(), message.getBody(), receiveCount(message)));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : new StepBatch(runtime, (record, error) -> LOG.warnf(error, "step message %s failed (receive %d)",
                record.messageId(), record.receiveCount())).process(records)) {
            failures.add(new SQSBatchResponse.BatchItemFailure(id));
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
