package dev.stepwise.runtime;

import dev.stepwise.queue.StepMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * An SQS batch as Lambda delivers it, processed message by message: one message's failure never
 * fails the others; the failed ones are reported back (Lambda's {@code batchItemFailures}) so
 * SQS redelivers only them, and after the queue's maxReceiveCount moves them to the DLQ. The
 * Lambda handler and the local poller both go through here.
 */
public final class StepBatch {
    /** One SQS record: its id, body and ApproximateReceiveCount. */
    public record Record(String messageId, String body, int receiveCount) {
    }

    /** What happened to one failed record, for logs. */
    public interface FailureListener {
        void failed(Record record, RuntimeException error);

        FailureListener NONE = (record, error) -> { };
    }

    private final DurableRuntime runtime;
    private final FailureListener listener;

    public StepBatch(DurableRuntime runtime, FailureListener listener) {
        this.runtime = runtime;
        this.listener = listener;
    }

    /** Processes every record; returns the ids of those that must be redelivered. */
    public List<String> process(List<Record> records) {
        List<String> failures = new ArrayList<>();
        for (Record record : records) {
            StepMessage message;
            try {
                message = StepMessage.fromJson(record.body());
            } catch (IllegalArgumentException notAStep) {
                continue; // not ours: deleting it keeps the queue flowing
            }
            try {
                runtime.process(message, record.receiveCount());
            } catch (RuntimeException e) {
                listener.failed(record, e);
                failures.add(record.messageId());
            }
        }
        return failures;
    }
}
