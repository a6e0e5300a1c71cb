package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.util.List;
import java.util.Map;

/**
 * {@code arn:aws:states:::sqs:sendMessage}: SQS SendMessage. A MessageBody that is not a string
 * is sent as its JSON text (recorded: a {@code .waitForTaskToken} message with an object body).
 * Parameters outside the integration's list are not sent (recorded: MessageSystemAttribute is dropped).
 */
final class SqsSendMessage implements ServiceIntegration {
    static final List<String> PARAMETERS = List.of("QueueUrl", "MessageBody", "DelaySeconds", "MessageAttributes",
            "MessageDeduplicationId", "MessageGroupId");

    private final JsonProtocol sqs;

    SqsSendMessage(AwsCall aws) {
        // The SDKs add x-amzn-query-mode so SQS reports query-protocol error codes (x-amzn-query-error).
        this.sqs = new JsonProtocol(aws, AwsService.SQS, "AmazonSQS", "application/x-amz-json-1.0",
                Map.of("x-amzn-query-mode", "true"));
    }

    @Override
    public Resumption call(TaskCall call) {
        ObjectNode body = call.pick(PARAMETERS);
        JsonNode message = body.get("MessageBody");
        if (message != null && !message.isTextual() && !message.isNull()) {
            body.put("MessageBody", Json.write(message));
        }
        JsonProtocol.Outcome outcome = sqs.call(call, "SendMessage", body);
        return outcome.failure() != null ? outcome.failure() : JsonProtocol.withMetadata(outcome.response());
    }
}
