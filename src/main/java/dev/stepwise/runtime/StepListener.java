package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.engine.Step;

/** Sees every chunk of history events the runtime commits (progress display, tests, metrics). */
@FunctionalInterface
public interface StepListener {
    void committed(String executionArn, ArrayNode events);

    /** A step is about to be decided (its state's work runs next): logs name the state from here on. */
    default void stepStarting(String executionArn, Step step) {
    }

    StepListener NONE = (execution, events) -> { };
}
