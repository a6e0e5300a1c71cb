package dev.stepwise.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.Resumption;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code arn:aws:states:::http:invoke}, the HTTP Task ("Call HTTPS APIs" in the guide): ApiEndpoint,
 * Method, Headers, QueryParameters, RequestBody and Transform (RequestBodyEncoding NONE |
 * URL_ENCODED, RequestEncodingOptions.ArrayFormat INDICES (default) | REPEAT | COMMAS | BRACKETS).
 * Authentication comes from {@link HttpAuth} instead of an EventBridge connection. The result is
 * {Headers (name → [values]), ResponseBody (JSON when the response is JSON, else text),
 * StatusCode, StatusText}; a status outside 2xx fails the task with
 * {@code States.Http.StatusCode.NNN} and that response as the cause; no response within the
 * HTTP Task's 60 seconds (or a refused connection) is {@code States.Http.Socket}. The exchange,
 * as sent and as received, goes to the call's watcher ({@link HttpExchange}; TestState at TRACE).
 */
final class HttpInvoke implements ServiceIntegration {
    /** The guide: an HTTP Task times out after 60 seconds, whatever the state's TimeoutSeconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String STATUS_CODE_ERROR = "States.Http.StatusCode.";

    private final SharedHttpClient http;
    private final IntegrationConfig config;

    HttpInvoke(SharedHttpClient http, IntegrationConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Resumption call(TaskCall call) {
        String endpoint = call.text("ApiEndpoint");
        String method = call.text("Method");
        if (endpoint == null || method == null) {
            return ServiceFailures.invalidParameters("The HTTP Task needs the string parameters 'ApiEndpoint' and 'Method'");
        }
        URI uri;
        try {
            uri = URI.create(endpoint + query(call.parameter("QueryParameters"), endpoint.contains("?")));
        } catch (IllegalArgumentException e) {
            return ServiceFailures.invalidParameters("The ApiEndpoint '" + endpoint + "' is not a valid URL: " + e.getMessage());
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonNode given = call.parameter("Headers");
        if (given != null && given.isObject()) {
            given.fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().isTextual() ? h.getValue().asText()
                    : Json.write(h.getValue())));
        }
        String connection = call.parameters().path("Authentication").path("ConnectionArn").asText(null);
        Set<String> secrets = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        config.httpAuth().headersFor(connection).forEach(h -> {
            headers.put(h.getKey(), h.getValue());
            secrets.add(h.getKey());
        });
        headers.putIfAbsent("User-Agent", "Amazon|StepFunctions|HttpInvoke|" + call.region());
        String body = body(call, headers);
        String verb = method.toUpperCase(Locale.ROOT);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(call.timeout(TIMEOUT))
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpRequest built;
        try {
            headers.forEach(request::header);
            built = request.build();
        } catch (IllegalArgumentException e) {
            return ServiceFailures.invalidParameters("The HTTP Task's request is not valid: " + e.getMessage());
        }
        List<HttpExchange.Header> sent = new ArrayList<>();
        headers.forEach((name, value) -> sent.add(new HttpExchange.Header(name, value, secrets.contains(name))));
        HttpExchange.Request shown = new HttpExchange.Request(uri.getScheme(), verb, uri.toString(), sent, body);
        HttpResponse<String> response;
        try {
            response = http.get().send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            call.watcher().accept(new HttpExchange(shown, null));
            return new Resumption.TaskFailed(StatesError.HTTP_SOCKET.aslName(), ServiceFailures.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Resumption.TaskFailed(StatesError.HTTP_SOCKET.aslName(), "interrupted");
        } catch (IllegalArgumentException e) {
            return ServiceFailures.invalidParameters("The HTTP Task's request is not valid: " + e.getMessage());
        }
        call.watcher().accept(new HttpExchange(shown, received(uri.getScheme(), response)));
        ObjectNode result = result(response);
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            return new Resumption.TaskFailed(STATUS_CODE_ERROR + response.statusCode(), Json.write(result));
        }
        return new Resumption.TaskSucceeded(result);
    }

    /** The response as received, for the exchange's watcher: its headers one line per value. */
    private static HttpExchange.Response received(String protocol, HttpResponse<String> response) {
        List<HttpExchange.Header> lines = new ArrayList<>();
        responseHeaders(response).forEach((name, values) -> values.forEach(v -> lines.add(new HttpExchange.Header(name, v, false))));
        return new HttpExchange.Response(protocol, response.statusCode(), StatusTexts.of(response.statusCode()), lines,
                response.body() == null ? "" : response.body());
    }

    /** The response's headers by name, without HTTP/2's pseudo-headers. */
    private static Map<String, List<String>> responseHeaders(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.keySet().removeIf(name -> name.startsWith(":"));
        return headers;
    }

    private static ObjectNode result(HttpResponse<String> response) {
        ObjectNode result = Json.object();
        ObjectNode headers = result.putObject("Headers");
        responseHeaders(response).forEach((name, values) -> {
            ArrayNode array = headers.putArray(name);
            values.forEach(array::add);
        });
        String text = response.body() == null ? "" : response.body();
        JsonNode body = Json.NODES.textNode(text);
        String type = response.headers().firstValue("content-type").orElse("");
        if (type.contains("json") && !text.isBlank()) {
            try {
                body = Json.parse(text);
            } catch (IllegalArgumentException notJson) {
                // a body that says it is JSON but is not stays text
            }
        }
        result.set("ResponseBody", body);
        result.put("StatusCode", String.valueOf(response.statusCode()));
        result.put("StatusText", StatusTexts.of(response.statusCode()));
        return result;
    }

    /** The request body: JSON text, a string as is, or form-encoded under Transform URL_ENCODED. */
    private static String body(TaskCall call, Map<String, String> headers) {
        JsonNode body = call.parameter("RequestBody");
        if (body == null) {
            return null;
        }
        JsonNode transform = call.parameter("Transform");
        String encoding = transform == null ? "NONE" : transform.path("RequestBodyEncoding").asText("NONE");
        if ("URL_ENCODED".equals(encoding) && body.isObject()) {
            headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
            String format = transform.path("RequestEncodingOptions").path("ArrayFormat").asText("INDICES");
            return formEncode(body, format);
        }
        headers.putIfAbsent("Content-Type", "application/json");
        return body.isTextual() ? body.asText() : Json.write(body);
    }

    static String formEncode(JsonNode object, String arrayFormat) {
        List<String> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!value.isArray()) {
                pairs.add(encode(name) + "=" + encode(text(value)));
                continue;
            }
            switch (arrayFormat) {
                case "REPEAT" -> value.forEach(v -> pairs.add(encode(name) + "=" + encode(text(v))));
                case "BRACKETS" -> value.forEach(v -> pairs.add(encode(name + "[]") + "=" + encode(text(v))));
                case "COMMAS" -> {
                    List<String> items = new ArrayList<>();
                    value.forEach(v -> items.add(encode(text(v))));
                    pairs.add(encode(name) + "=" + String.join(",", items));
                }
                default -> {
                    for (int i = 0; i < value.size(); i++) {
                        pairs.add(encode(name + "[" + i + "]") + "=" + encode(text(value.get(i))));
                    }
                }
            }
        }
        return String.join("&", pairs);
    }

    private static String query(JsonNode parameters, boolean hasQuery) {
        if (parameters == null || !parameters.isObject() || parameters.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        parameters.fields().forEachRemaining(p -> {
            if (p.getValue().isArray()) {
                p.getValue().forEach(v -> pairs.add(encode(p.getKey()) + "=" + encode(text(v))));
            } else {
                pairs.add(encode(p.getKey()) + "=" + encode(text(p.getValue())));
            }
        });
        return (hasQuery ? "&" : "?") + String.join("&", pairs);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : Json.write(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
