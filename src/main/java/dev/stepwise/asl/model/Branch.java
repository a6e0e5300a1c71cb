package dev.stepwise.asl.model;

import java.util.Map;

/**
 * A set of states with a start: the whole state machine, a Parallel branch or a Map item
 * processor. States are kept in definition order.
 */
public record Branch(String startAt, Map<String, State> states) {
    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state named '" + name + "' in this branch; expected one of " + states.keySet());
        }
        return state;
    }
}
