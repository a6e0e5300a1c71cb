package dev.stepwise.asl.model;

/** Succeed: ends its branch (or the execution) successfully with its input as output. */
public record SucceedState(String name, DataPaths paths, JsonataFields jsonata) implements State {
    @Override
    public String type() {
        return "Succeed";
    }
}
