package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.stepwise.api.StepFunctionsApi;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The start consumer: producers start workflows by sending {@code {"stateMachineArn", "name"?,
 * "input"?}} to the start queue instead of calling the API. Messages StartExecution rejects go to
 * the start dead-letter queue at once, with the error and cause as message attributes
 * ({@value #ERROR_ATTRIBUTE}, {@value #CAUSE_ATTRIBUTE}); without a configured dead-letter queue
 * they are reported failed, and the queue's own redrive policy moves them there.
 */
@Named(StartConsumerHandler.NAME)
public class StartConsumerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    public static final String NAME = "start-consumer";
    public static final String ERROR_ATTRIBUTE = "StepwiseError";
    public static final String CAUSE_ATTRIBUTE = "StepwiseCause";
    private static final Logger LOG = Logger.getLogger(StartConsumerHandler.class);

    @Inject
    StepFunctionsApi api;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "stepwise.start-dead-letter-queue-url")
    Optional<String> deadLetterQueueUrl;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<StartBatch.Record> records = new ArrayList<>(event.getRecords().size());
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            records.add(new StartBatch.Record(message.getMessageId(), message.getBody()));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (StartBatch.Outcome outcome : new StartBatch(api).process(records)) {
            String id = outcome.record().messageId();
            if (outcome instanceof StartBatch.Outcome.Started started) {
                LOG.infof("start message %s: %s %s", id, started.duplicate() ? "already started" : "started",
                        started.executionArn());
            } else if (outcome instanceof StartBatch.Outcome.Rejected rejected) {
                LOG.warnf("start message %s rejected: %s: %s", id, rejected.error(), rejected.cause());
                if (!deadLetter(rejected)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(id));
                }
            } else if (outcome instanceof StartBatch.Outcome.Retry retry) {
                LOG.warnf("start message %s failed, to be retried: %s: %s", id, retry.error(), retry.cause());
                failures.add(new SQSBatchResponse.BatchItemFailure(id));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Moves a rejected message to the dead-letter queue; false if it must stay on the queue instead. */
    private boolean deadLetter(StartBatch.Outcome.Rejected rejected) {
        if (deadLetterQueueUrl.isEmpty()) {
            return false;
        }
        try {
            sqs.sendMessage(b -> b.queueUrl(deadLetterQueueUrl.get()).messageBody(rejected.record().body())
                    .messageAttributes(Map.of(
                            ERROR_ATTRIBUTE, text(rejected.error()),
                            CAUSE_ATTRIBUTE, text(rejected.cause() == null ? "" : rejected.cause()))));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf(e, "start message %s could not be moved to the dead-letter queue", rejected.record().messageId());
            return false;
        }
    }

    private static MessageAttributeValue text(String value) {
        // SQS refuses empty attribute values.
        return MessageAttributeValue.builder().dataType("String").stringValue(value.isEmpty() ? "-" : value).build();
    }
}
