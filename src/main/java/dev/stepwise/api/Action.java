package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;

/** One API action: a request body in, a response body out, or an {@link ApiException}. */
@FunctionalInterface
public interface Action {
    JsonNode handle(Request request);
}
