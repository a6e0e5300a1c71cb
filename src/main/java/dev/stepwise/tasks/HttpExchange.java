package dev.stepwise.tasks;

import java.util.List;
import java.util.function.Consumer;

/**
 * One HTTP Task call as it went over the wire, for whoever watches it (TestState's inspection
 * data at TRACE): the request as sent and the response as received, or no response when none
 * came back. Each header says whether it came from the HTTP authentication configuration
 * ({@link HttpAuth}, which stands in for an EventBridge connection): that is what the TestState
 * API reference calls a secret, "the data that an EventBridge connection adds to modify the HTTP
 * request headers, query parameters, and body".
 */
public record HttpExchange(Request request, Response response) {

    /** A watcher that looks at nothing: every call outside TestState. */
    public static final Consumer<HttpExchange> UNWATCHED = exchange -> { };

    /** A header line; {@code secret} when the authentication configuration added it. */
    public record Header(String name, String value, boolean secret) {
    }

    /** The request: {@code protocol} is the URL's scheme; {@code body} is null when none was sent. */
    public record Request(String protocol, String method, String url, List<Header> headers, String body) {
        public Request {
            headers = List.copyOf(headers);
        }
    }

    /** The response: {@code statusMessage} is the status code's reason phrase. */
    public record Response(String protocol, int statusCode, String statusMessage, List<Header> headers, String body) {
        public Response {
            headers = List.copyOf(headers);
        }
    }
}
