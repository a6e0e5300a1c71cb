package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.util.List;
import java.util.Map;

/** A service's HTTP response, as an integration reads it. Header names as the service sent them. */
record AwsResponse(int status, Map<String, List<String>> headers, String body) {

    AwsResponse {
        headers = Map.copyOf(headers);
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The first value of header {@code name}, compared case-insensitively; null when absent. */
    String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    String requestId() {
        String id = header("x-amzn-RequestId");
        return id != null ? id : header("x-amz-request-id");
    }

    /**
     * Adds what SDK 1.x's response metadata shows to a result, as Step Functions' optimized
     * integrations return it (recorded: sqs:sendMessage, dynamodb:*, sns:publish, lambda:invoke):
     * {@code SdkHttpMetadata} {AllHttpHeaders: name → [values], HttpHeaders: name → value,
     * HttpStatusCode} and {@code SdkResponseMetadata} {RequestId}.
     */
    ObjectNode withSdkMetadata(ObjectNode result, String requestId) {
        ObjectNode all = Json.object();
        ObjectNode single = Json.object();
        Map<String, List<String>> sorted = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> sorted.put(HeaderNames.asAwsSends(name), values));
        for (Map.Entry<String, List<String>> e : sorted.entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue;
            }
            ArrayNode values = all.putArray(e.getKey());
            e.getValue().forEach(values::add);
            if (!e.getValue().isEmpty()) {
                single.put(e.getKey(), e.getValue().get(0));
            }
        }
        ObjectNode http = result.putObject("SdkHttpMetadata");
        http.set("AllHttpHeaders", all);
        http.set("HttpHeaders", single);
        http.put("HttpStatusCode", status);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return result;
    }

    /** The body as JSON; an empty body is an empty object (JSON protocols answer {} or nothing). */
    JsonNode json() {
        return body == null || body.isBlank() ? Json.object() : Json.parse(body);
    }
}
