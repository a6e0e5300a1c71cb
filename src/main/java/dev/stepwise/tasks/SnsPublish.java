package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code arn:aws:states:::sns:publish}: SNS Publish over SNS's query protocol (form-encoded
 * request, XML response). A Message that is not a string is sent as its JSON text (recorded on
 * AWS with an object Message); the result is {MessageId[, SequenceNumber]} with SDK 1.x's metadata.
 */
final class SnsPublish implements ServiceIntegration {
    private static final List<String> TEXT_PARAMETERS = List.of("TopicArn", "TargetArn", "PhoneNumber", "Message", "Subject",
            "MessageStructure", "MessageDeduplicationId", "MessageGroupId");
    private static final Pattern MESSAGE_ID = Pattern.compile("<MessageId>(.*?)</MessageId>", Pattern.DOTALL);
    private static final Pattern SEQUENCE_NUMBER = Pattern.compile("<SequenceNumber>(.*?)</SequenceNumber>", Pattern.DOTALL);
    private static final Pattern REQUEST_ID = Pattern.compile("<RequestId>(.*?)</RequestId>", Pattern.DOTALL);

    private final AwsCall aws;

    SnsPublish(AwsCall aws) {
        this.aws = aws;
    }

    @Override
    public Resumption call(TaskCall call) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "Publish");
        form.put("Version", "2010-03-31");
        for (String name : TEXT_PARAMETERS) {
            JsonNode value = call.parameter(name);
            if (value != null && !value.isNull()) {
                form.put(name, value.isTextual() ? value.asText() : Json.write(value));
            }
        }
        JsonNode attributes = call.parameter("MessageAttributes");
        if (attributes != null && attributes.isObject()) {
            int n = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = it.next();
                String prefix = "MessageAttributes.entry." + (++n) + ".";
                form.put(prefix + "Name", attribute.getKey());
                for (String field : List.of("DataType", "StringValue", "BinaryValue")) {
                    JsonNode value = attribute.getValue().get(field);
                    if (value != null && !value.isNull()) {
                        form.put(prefix + "Value." + field, value.asText());
                    }
                }
            }
        }
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(encode(k)).append('=').append(encode(v)));
        AwsResponse response;
        try {
            response = aws.send(AwsService.SNS, call.region(), "POST", "/",
                    Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body.toString(),
                    call.timeout(JsonProtocol.TIMEOUT_CAP));
        } catch (Exception e) {
            if (ServiceFailures.noAnswer(e)) {
                return ServiceFailures.clientError(AwsService.SNS, e);
            }
            throw (RuntimeException) e;
        }
        if (!response.ok()) {
            return ServiceFailures.fromXml(AwsService.SNS, response);
        }
        String xml = response.body() == null ? "" : response.body();
        ObjectNode result = Json.object();
        result.put("MessageId", first(MESSAGE_ID, xml));
        String sequence = first(SEQUENCE_NUMBER, xml);
        if (sequence != null) {
            result.put("SequenceNumber", sequence);
        }
        String requestId = first(REQUEST_ID, xml);
        return new Resumption.TaskSucceeded(response.withSdkMetadata(result, requestId != null ? requestId : response.requestId()));
    }

    private static String first(Pattern pattern, String xml) {
        Matcher m = pattern.matcher(xml);
        return m.find() ? ServiceFailures.unescape(m.group(1).trim()) : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
