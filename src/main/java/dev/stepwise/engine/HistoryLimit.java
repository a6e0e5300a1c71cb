package dev.stepwise.engine;

import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AWS's quota of {@code maxEvents} history events per execution (25,000). AWS: "If the event
 * number 25,000 is ExecutionSucceeded, the execution finishes successfully. If the event number
 * 25,000 isn't ExecutionSucceeded, the ExecutionFailed event is logged and the state machine
 * execution fails because of reaching the history limit."
 */
public record HistoryLimit(long maxEvents) {

    /**
     * What a step over the limit records instead of its own result: the events that fit below
     * the limit, then the execution's {@code end} (ExecutionFailed, States.Runtime).
     */
    public record Reached(List<HistoryEvent> events, ExecutionEnd end) {
        public Reached {
            events = List.copyOf(events);
        }
    }

    /** Empty when the step's events, from id {@code firstEventId} on, fit in the history; else what it records instead. */
    public Optional<Reached> check(StepResult result, long firstEventId) {
        List<HistoryEvent> events = result.events();
        long last = firstEventId + events.size() - 1;
        boolean succeedsAtLimit = last == maxEvents && !events.isEmpty()
                && events.get(events.size() - 1).type() == EventType.ExecutionSucceeded;
        if (last < maxEvents || succeedsAtLimit) {
            return Optional.empty();
        }
        int keep = (int) Math.max(0, Math.min(events.size(), maxEvents - firstEventId));
        ExecutionEnd end = ExecutionEnd.failedByRuntime(Causes.historyLimit(maxEvents));
        List<HistoryEvent> recorded = new ArrayList<>(events.subList(0, keep));
        recorded.add(end.event());
        return Optional.of(new Reached(recorded, end));
    }
}
