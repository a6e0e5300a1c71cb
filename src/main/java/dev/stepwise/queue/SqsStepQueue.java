package dev.stepwise.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The step queue on SQS. */
public final class SqsStepQueue implements StepQueue {
    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsStepQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public String queueUrl() {
        return queueUrl;
    }

    /**
     * Creates the step queue and its dead-letter queue (local runs and tests; the SAM template
     * does it on AWS): after {@code maxReceives} receives a message moves to the DLQ.
     * Returns the two queue URLs, step queue first.
     */
    public static List<String> createQueues(SqsClient sqs, String name, int maxReceives, int visibilityTimeoutSeconds) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}";
        String url = sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeoutSeconds)))).queueUrl();
        return List.of(url, dlqUrl);
    }

    @Override
    public void send(StepMessage message, int delaySeconds) {
        if (delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
            throw new IllegalArgumentException("DelaySeconds must be 0.." + MAX_DELAY_SECONDS + ", was " + delaySeconds);
        }
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.toJson()).delaySeconds(delaySeconds));
    }

    @Override
    public void sendAll(List<StepMessage> messages) {
        if (messages.size() == 1) {
            send(messages.get(0), 0);
            return;
        }
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(from + BATCH, messages.size()); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i))
                        .messageBody(messages.get(i).toJson()).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                BatchResultErrorEntry first = response.failed().get(0);
                throw new IllegalStateException(response.failed().size() + " messages were not sent: " + first.code()
                        + " " + first.message());
            }
        }
    }
}
