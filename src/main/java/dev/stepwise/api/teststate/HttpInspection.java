package dev.stepwise.api.teststate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.tasks.HttpExchange;
import java.util.List;
import java.util.StringJoiner;

/**
 * TestState's {@code inspectionData.request} and {@code inspectionData.response} at TRACE ("Shows
 * the HTTP request and response for an HTTP Task", the API reference's inspectionLevel): every
 * member a string, as the SDK's InspectionDataRequest (protocol, method, url, headers, body) and
 * InspectionDataResponse (protocol, statusCode, statusMessage, headers, body) model them; headers
 * as one line, {@code [Name: value, Name: value]}, as the developer guide's TestState HTTP Task
 * example prints them (recalled from that page; no recording of AWS at hand confirms it).
 * revealSecrets: "a secret includes the data that an EventBridge connection adds to modify the
 * HTTP request headers ... Step Functions doesn't omit any information included in the state
 * definition or the HTTP response". Stepwise's connections are its HTTP authentication
 * configuration, so the headers it adds are left out of the request unless revealSecrets is true.
 */
final class HttpInspection {
    static final String REQUEST = "request";
    static final String RESPONSE = "response";

    private HttpInspection() {
    }

    /** Adds the exchange's request, and its response when one came back, to {@code data}. */
    static void add(ObjectNode data, HttpExchange exchange, boolean revealSecrets) {
        HttpExchange.Request sent = exchange.request();
        ObjectNode request = data.putObject(REQUEST).put("protocol", sent.protocol()).put("method", sent.method())
                .put("url", sent.url()).put("headers", headers(sent.headers(), revealSecrets));
        if (sent.body() != null) {
            request.put("body", sent.body());
        }
        HttpExchange.Response received = exchange.response();
        if (received != null) {
            data.set(RESPONSE, Json.object().put("protocol", received.protocol())
                    .put("statusCode", String.valueOf(received.statusCode())).put("statusMessage", received.statusMessage())
                    .put("headers", headers(received.headers(), true)).put("body", received.body()));
        }
    }

    private static String headers(List<HttpExchange.Header> headers, boolean revealSecrets) {
        StringJoiner line = new StringJoiner(", ", "[", "]");
        for (HttpExchange.Header header : headers) {
            if (revealSecrets || !header.secret()) {
                line.add(header.name() + ": " + header.value());
            }
        }
        return line.toString();
    }
}
