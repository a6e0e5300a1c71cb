package dev.stepwise.asl.model;

import dev.stepwise.asl.path.JsonPath;

/** Wait: exactly one of the four ways of saying how long is set; the others are null. */
public record WaitState(String name, DataPaths paths, Long seconds, String timestamp, JsonPath secondsPath,
                        JsonPath timestampPath, Transition transition, Assignment assign,
                        JsonataFields jsonata) implements State {
    @Override
    public String type() {
        return "Wait";
    }
}
