package dev.stepwise.engine.history;

/**
 * One event of an execution's history, as the engine produces it. The runtime adds the id, the
 * previous event id and the timestamp when it stores the event.
 */
public record HistoryEvent(EventType type, EventDetails details) {
}
