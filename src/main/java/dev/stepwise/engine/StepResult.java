package dev.stepwise.engine;

import dev.stepwise.engine.history.HistoryEvent;
import java.util.List;

/** A step's decision and the history events it produced, in order. */
public record StepResult(Outcome outcome, List<HistoryEvent> events) {
}
