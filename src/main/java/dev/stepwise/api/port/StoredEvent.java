package dev.stepwise.api.port;

import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;

/** A history event as stored: the engine's event plus the id, previous event id and time the runtime gave it. */
public record StoredEvent(long id, long previousEventId, Instant timestamp, HistoryEvent event) {

    /**
     * previousEventId as AWS recorded it for linear histories (test_sfn_api.snapshot.json): 0 for
     * ExecutionStarted, for the first state entered and for ExecutionAborted; otherwise the event
     * before. A run that numbers its events in one sequence (the in-memory runner) links them so.
     */
    public static StoredEvent inSequence(long id, Instant timestamp, HistoryEvent event) {
        long previous = id == 1 || id == 2 || event.type() == dev.stepwise.engine.history.EventType.ExecutionAborted ? 0 : id - 1;
        return new StoredEvent(id, previous, timestamp, event);
    }
}
