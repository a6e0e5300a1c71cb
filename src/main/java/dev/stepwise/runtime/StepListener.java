package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** Sees every chunk of history events the runtime commits (progress display, tests). */
@FunctionalInterface
public interface StepListener {
    void committed(String executionArn, ArrayNode events);

    StepListener NONE = (execution, events) -> { };
}
