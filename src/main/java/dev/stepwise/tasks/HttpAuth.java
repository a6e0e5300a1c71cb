package dev.stepwise.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP Task's authentication, from configuration instead of EventBridge connections: headers
 * added to every HTTP Task request, and headers added only when the task's
 * {@code Authentication.ConnectionArn} is a given ARN. A header the task sets itself is replaced,
 * as a connection's authorization is on AWS.
 */
public record HttpAuth(Map<String, String> allRequests, Map<String, Map<String, String>> byConnection) {

    public static final HttpAuth NONE = new HttpAuth(Map.of(), Map.of());

    public HttpAuth {
        allRequests = Map.copyOf(allRequests);
        byConnection = Map.copyOf(byConnection);
    }

    /**
     * Parses {@code [CONNECTION_ARN=]HEADER:VALUE} entries ({@code --http-auth}, repeatable, or
     * {@code stepwise.http-auth}, comma-separated), e.g. {@code Authorization:Bearer abc} or
     * {@code arn:aws:events:us-east-1:123456789012:connection/stripe/1=Authorization:Basic dXNlcjpwdw==}.
     */
    public static HttpAuth parse(List<String> entries) {
        Map<String, String> all = new LinkedHashMap<>();
        Map<String, Map<String, String>> byConnection = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String connection = entry.startsWith("arn:") && eq > 0 ? entry.substring(0, eq) : null;
            String header = connection == null ? entry : entry.substring(eq + 1);
            int colon = header.indexOf(':');
            if (colon <= 0 || header.substring(0, colon).isBlank()) {
                throw new IllegalArgumentException("--http-auth expects [CONNECTION_ARN=]HEADER:VALUE, got '" + entry + "'");
            }
            String value = header.substring(colon + 1).trim();
            header = header.substring(0, colon).trim();
            if (connection == null) {
                all.put(header, value);
            } else {
                byConnection.computeIfAbsent(connection, k -> new LinkedHashMap<>()).put(header, value);
            }
        }
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        byConnection.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        return new HttpAuth(all, frozen);
    }

    /** The headers for a task naming {@code connectionArn} (null when it names none). */
    public List<Map.Entry<String, String>> headersFor(String connectionArn) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(allRequests.entrySet());
        if (connectionArn != null && byConnection.containsKey(connectionArn)) {
            headers.addAll(byConnection.get(connectionArn).entrySet());
        }
        return headers;
    }
}
