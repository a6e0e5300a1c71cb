package dev.stepwise.asl.model;

/** One state of a workflow; the closed set of the eight ASL state types. */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    String name();

    /** The ASL "Type" value, also the prefix of the state's history events (PassStateEntered...). */
    String type();

    /** The state's Assign field, or null when it sets no variables. */
    default Assignment assign() {
        return null;
    }

    /** The compiled JSONata fields when the state's QueryLanguage is JSONata; null for JSONPath states. */
    JsonataFields jsonata();
}
