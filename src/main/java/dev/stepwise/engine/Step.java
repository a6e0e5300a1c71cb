package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One unit of work for {@link Engine#step}: the runtime stores and schedules steps, the engine
 * evaluates them. Every step is plain data, so it can be written to a store and replayed.
 */
public sealed interface Step {
    Frame frame();

    /** Enter a state of the frame's branch with an input (a transition, or the execution's start). */
    record Enter(Frame frame, String stateName, JsonNode input, Variables variables) implements Step {
        public Enter(Frame frame, String stateName, JsonNode input) {
            this(frame, stateName, input, Variables.NONE);
        }
    }

    /**
     * Start one Parallel branch or Map item: the frame names it; enters the branch's StartAt
     * with the enclosing frame's variables.
     */
    record StartBranch(Frame frame, JsonNode input, Variables variables) implements Step {
        public StartBranch(Frame frame, JsonNode input) {
            this(frame, input, Variables.NONE);
        }
    }

    /** Continue a state that is waiting for something: a retry's delay, a task, a wait, its branches. */
    record Resume(Frame frame, StateVisit visit, Resumption resumption) implements Step {
        public Resume with(Resumption next) {
            return new Resume(frame, visit, next);
        }
    }
}
