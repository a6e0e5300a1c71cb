package dev.stepwise.engine;

import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.HistoryEvent;
import java.util.List;

/**
 * A step's decision and the history events it produced, in order. {@code firstEventId} is the id
 * the step was evaluated with for its first event, and {@code eventIdUse} says how the result
 * depends on it. A runtime that learns how many ids to reserve only by evaluating can then
 * evaluate with a provisional id, reserve {@link #eventsToReserve()} ids, and take
 * {@link #renumbered} instead of evaluating a second time; only a result whose cause quotes the
 * id ({@link EventIdUse#QUOTED}) must be evaluated again with the reserved id.
 */
public record StepResult(Outcome outcome, List<HistoryEvent> events, long firstEventId, EventIdUse eventIdUse) {

    /** How a step's result depends on the id of its first event. */
    public enum EventIdUse {
        /** Not at all: the result is the same whatever the first id. */
        NONE,
        /**
         * The state entered in this step is remembered with the id of its Entered event in the
         * outcome's next step (for causes written later): {@link #renumbered} shifts it.
         */
        ENTERED_STATE,
        /**
         * A cause quotes "entered at the event id #N" of the state entered in this step, and may
         * have flowed into outputs, variables and events: evaluate again with the reserved id.
         */
        QUOTED
    }

    public StepResult {
        events = List.copyOf(events);
    }

    /** The result of a step that entered the state whose Entered event got {@code enteredEventId} (null: none). */
    static StepResult of(Outcome outcome, List<HistoryEvent> events, long firstEventId, Long enteredEventId, boolean quoted) {
        EventIdUse use = quoted ? EventIdUse.QUOTED
                : enteredEventId != null && carriesVisit(outcome, enteredEventId) ? EventIdUse.ENTERED_STATE : EventIdUse.NONE;
        return new StepResult(outcome, events, firstEventId, use);
    }

    public boolean usesFirstEventId() {
        return eventIdUse != EventIdUse.NONE;
    }

    /**
     * The ids this step needs: one per event, and the TaskStarted and TaskSubmitted events a
     * task that waits adds once its call is submitted ({@link Engine#taskSubmitted}).
     */
    public int eventsToReserve() {
        return events.size() + (outcome instanceof Outcome.RunTask task ? task.waitsFor().submittedEvents() : 0);
    }

    /**
     * This result as if evaluated with {@code first} as its first event id.
     *
     * @throws IllegalStateException when a cause quotes the id it was evaluated with
     *         ({@link EventIdUse#QUOTED}) and {@code first} differs: evaluate the step again
     */
    public StepResult renumbered(long first) {
        if (first == firstEventId) {
            return this;
        }
        return switch (eventIdUse) {
            case NONE -> new StepResult(outcome, events, first, eventIdUse);
            case ENTERED_STATE -> new StepResult(shift(outcome, enteredEventId(), first - firstEventId), events, first, eventIdUse);
            case QUOTED -> throw new IllegalStateException("a cause quotes the first event id #" + firstEventId
                    + "; evaluate the step again with #" + first);
        };
    }

    /** The id the Entered event of the state this step entered was given: the position of that event. */
    private long enteredEventId() {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).details() instanceof EventDetails.StateEntered) {
                return firstEventId + i;
            }
        }
        throw new IllegalStateException("a step that entered no state remembers no entered event id");
    }

    private static boolean carriesVisit(Outcome outcome, long enteredEventId) {
        Step.Resume next = resumeOf(outcome);
        return next != null && next.visit().enteredEventId() == enteredEventId;
    }

    /** The continuation an outcome carries with a visit, or null (a transition, a frame's end). */
    private static Step.Resume resumeOf(Outcome outcome) {
        Step next;
        if (outcome instanceof Outcome.RunTask task) {
            next = task.then();
        } else if (outcome instanceof Outcome.FanOut fanOut) {
            next = fanOut.join();
        } else if (outcome instanceof Outcome.Sleep sleep) {
            next = sleep.next();
        } else if (outcome instanceof Outcome.Continue go) {
            next = go.next();
        } else {
            next = null;
        }
        return next instanceof Step.Resume resume ? resume : null;
    }

    private static Outcome shift(Outcome outcome, long enteredEventId, long by) {
        Step.Resume next = resumeOf(outcome);
        if (next == null || next.visit().enteredEventId() != enteredEventId) {
            return outcome;
        }
        StateVisit v = next.visit();
        Step.Resume moved = new Step.Resume(next.frame(), new StateVisit(v.stateName(), v.input(), v.enteredEventId() + by,
                v.enteredTime(), v.retryAttempts(), v.variables()), next.resumption());
        if (outcome instanceof Outcome.RunTask task) {
            return new Outcome.RunTask(task.request(), moved, task.waitsFor());
        }
        if (outcome instanceof Outcome.FanOut fanOut) {
            return new Outcome.FanOut(fanOut.branches(), fanOut.maxConcurrency(), fanOut.tolerance(), moved, fanOut.mapRun());
        }
        if (outcome instanceof Outcome.Sleep sleep) {
            return new Outcome.Sleep(sleep.until(), moved);
        }
        return new Outcome.Continue(moved);
    }
}
