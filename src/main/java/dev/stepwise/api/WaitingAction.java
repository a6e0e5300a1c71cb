package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionStage;

/**
 * An action that waits for something to happen (GetActivityTask's long poll): it answers later,
 * holding no thread while it waits, or fails with an {@link ApiException}.
 */
@FunctionalInterface
interface WaitingAction {
    CompletionStage<JsonNode> handle(Request request);
}
