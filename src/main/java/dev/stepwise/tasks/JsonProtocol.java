package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;
import java.time.Duration;
import java.util.Map;

/**
 * AWS's JSON protocols (JSON 1.0 for DynamoDB and SQS, JSON 1.1 for EventBridge): a POST to the
 * endpoint's root naming the operation in {@code X-Amz-Target}, the request and response in the
 * API's own PascalCase JSON — the shapes Step Functions passes parameters and results in.
 */
final class JsonProtocol {
    /** Step Functions' own limit on a service call is the task's; the services answer in well under this. */
    static final Duration TIMEOUT_CAP = Duration.ofSeconds(60);

    private final AwsCall aws;
    private final AwsService service;
    private final String targetPrefix;
    private final String contentType;
    private final Map<String, String> extraHeaders;

    JsonProtocol(AwsCall aws, AwsService service, String targetPrefix, String contentType, Map<String, String> extraHeaders) {
        this.aws = aws;
        this.service = service;
        this.targetPrefix = targetPrefix;
        this.contentType = contentType;
        this.extraHeaders = extraHeaders;
    }

    AwsService service() {
        return service;
    }

    /** The response, or the failure (a service error, or none arriving). */
    Outcome call(TaskCall call, String operation, ObjectNode body) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        headers.put("X-Amz-Target", targetPrefix + "." + operation);
        AwsResponse response;
        try {
            response = aws.send(service, call.region(), "POST", "/", headers, Json.write(body), call.timeout(TIMEOUT_CAP));
        } catch (Exception e) {
            if (ServiceFailures.noAnswer(e)) {
                return new Outcome(null, ServiceFailures.clientError(service, e));
            }
            throw (RuntimeException) e;
        }
        if (!response.ok()) {
            return new Outcome(response, ServiceFailures.fromJson(service, response));
        }
        return new Outcome(response, null);
    }

    /** The response's JSON with SDK 1.x's metadata added, as the optimized integrations return it. */
    static Resumption withMetadata(AwsResponse response) {
        JsonNode json = response.json();
        ObjectNode result = json.isObject() ? ((ObjectNode) json).deepCopy() : Json.object();
        return new Resumption.TaskSucceeded(response.withSdkMetadata(result, response.requestId()));
    }

    /** What a call gave: {@code failure} is null when {@code response} is a success. */
    record Outcome(AwsResponse response, Resumption.TaskFailed failure) {
    }
}
