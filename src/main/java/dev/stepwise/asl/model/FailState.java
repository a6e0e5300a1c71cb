package dev.stepwise.asl.model;

import dev.stepwise.asl.template.DynamicValue;

/** Fail: ends its branch with an error and a cause, fixed or from a path or intrinsic call (each may be null). */
public record FailState(String name, String error, DynamicValue errorPath, String cause, DynamicValue causePath,
                        JsonataFields jsonata) implements State {
    @Override
    public String type() {
        return "Fail";
    }
}
