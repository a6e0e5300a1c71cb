package dev.stepwise.asl.model;

/** Where a state goes when it finishes: the Next state, or the end of its branch ("End": true). */
public record Transition(String next) {
    public static final Transition END = new Transition(null);

    public boolean isEnd() {
        return next == null;
    }
}
