package dev.stepwise.api.port;

import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;

/** A history event as stored: the engine's event plus the id, previous event id and time the runtime gave it. */
public record StoredEvent(long id, long previousEventId, Instant timestamp, HistoryEvent event) {
}
