package dev.stepwise.asl.validate;

/** A state name that some field (Next, Default, a choice rule's or catcher's Next) transitions to. */
record Transition(String target, String location) {
}
