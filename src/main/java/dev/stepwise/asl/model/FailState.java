package dev.stepwise.asl.model;

import dev.stepwise.asl.path.JsonPath;

/** Fail: ends its branch with an error and a cause, given fixed or read from paths (each may be null). */
public record FailState(String name, String error, JsonPath errorPath, String cause, JsonPath causePath) implements State {
    @Override
    public String type() {
        return "Fail";
    }
}
