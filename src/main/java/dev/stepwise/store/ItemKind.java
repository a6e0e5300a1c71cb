package dev.stepwise.store;

import java.util.HashMap;
import java.util.Map;

/** What an item of an execution's partition is, as its {@value TableLayout#KIND} attribute names it. */
public enum ItemKind {
    /** A step to run: enter a state, resume one after a wait, start a branch. */
    STEP("step"),
    /** A step whose task waits for its result: a callback token, a child execution, an activity worker. */
    AWAIT("await"),
    /** A fan-out's join: counts its branches, then resumes the Map or Parallel state. */
    JOIN("join"),
    /** The end of a branch or of the execution, with its output or error. */
    END("end"),
    /** The end of an execution that was stopped, timed out or failed by the runtime (its last event). */
    HALT("halt"),
    /** A step of a run that was redriven: inert, so a late message of the old run does nothing. */
    REDRIVEN("redriven"),
    /** The result of an awaited task: the first writer wins. */
    RESULT("result"),
    /** A callback's token secret, written before the call that sends the token. */
    TOKEN("token"),
    /** An awaited task's last heartbeat. */
    BEAT("beat"),
    /** A STANDARD Task attempt's claim: its side effect happens at most once. */
    CLAIM("claim"),
    /** The activity worker that took an awaited activity task. */
    TAKEN("taken"),
    /** A child execution's link to the parent step that waits for it. */
    PARENT("PARENT"),
    /** A Map Run's records. */
    MAP_RUN("maprun"),
    /** A page of a Map Run's children. */
    PAGE("page"),
    /** The mocked test case of an execution and its invocation ledger. */
    MOCK("mock");

    private static final Map<String, ItemKind> BY_WIRE = new HashMap<>();

    static {
        for (ItemKind kind : values()) {
            BY_WIRE.put(kind.wire, kind);
        }
    }

    private final String wire;

    ItemKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ItemKind of(String wire) {
        ItemKind kind = BY_WIRE.get(wire);
        if (kind == null) {
            throw new IllegalArgumentException("unknown item kind '" + wire + "', expected one of " + BY_WIRE.keySet());
        }
        return kind;
    }

    /** A step the processor runs when its message comes. */
    public boolean isRunnable() {
        return this == STEP || this == AWAIT || this == JOIN;
    }
}
