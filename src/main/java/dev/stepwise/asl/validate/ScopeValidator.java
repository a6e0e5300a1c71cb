package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of states with its own StartAt: the machine itself, a Parallel branch or a Map's
 * ItemProcessor. Transitions must stay inside their scope, every state must be reachable from
 * StartAt and at least one state must end the scope.
 *
 * <p>AWS wording (CreateStateMachine on AWS, quoted in localstack/localstack issue #11978):
 * {@code MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next,
 * MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2}; and
 * {@code MISSING_END_STATE: Workflow has no terminal state at null} (measured, floci-io/floci
 * #2735), which AWS reports instead of — not besides — the unreachable states, and for the
 * machine only.
 */
final class ScopeValidator {
    static final int MAX_STATE_NAME_LENGTH = 80;

    private final Findings findings;
    private final StateValidator states;
    /** Every state name seen so far in the whole definition: names are unique across scopes. */
    private final Map<String, String> namesSeen = new HashMap<>();

    ScopeValidator(Findings findings, boolean machineIsJsonata) {
        this.findings = findings;
        this.states = new StateValidator(findings, this, machineIsJsonata);
    }

    /**
     * Checks StartAt and States of {@code scope}; the caller has checked the scope's other fields.
     * {@code location} is "/" for the machine. {@code misspelt}: the fields the caller reported
     * as slips for a known one ("StartsAt"), which are then not reported missing as well.
     */
    void validate(JsonNode scope, String location, Set<String> misspelt) {
        boolean hasStartAt = scope.has("StartAt");
        boolean hasStates = scope.has("States");
        // AWS lists them as "[States, StartAt]" for an empty document (LocalStack snapshot EMPTY_DICT).
        findings.required(scope, location, java.util.stream.Stream.of("States", "StartAt")
                .filter(field -> !misspelt.contains(field)).toArray(String[]::new));

        String startAt = null;
        if (hasStartAt && findings.isString(scope.get("StartAt"), Findings.at(location, "StartAt"))) {
            startAt = scope.get("StartAt").textValue();
        }
        if (!hasStates) {
            return;
        }
        JsonNode statesNode = scope.get("States");
        String statesLocation = Findings.at(location, "States");
        if (!findings.isObject(statesNode, statesLocation)) {
            return;
        }
        if (statesNode.isEmpty()) {
            findings.schema("Value cannot be empty", statesLocation);
            return;
        }

        Map<String, List<TransitionTarget>> transitions = new LinkedHashMap<>();
        boolean endUnknown = false;
        boolean ends = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String stateLocation = Findings.at(statesLocation, name);
            checkName(name, stateLocation);
            List<TransitionTarget> out = new ArrayList<>();
            StateValidator.Ending ending = states.validate(name, entry.getValue(), stateLocation, out);
            ends |= ending == StateValidator.Ending.ENDS;
            // A state too broken to tell might have been the end: then say nothing about the end.
            endUnknown |= ending == StateValidator.Ending.UNKNOWN;
            transitions.put(name, out);
        }

        if (startAt != null && !transitions.containsKey(startAt)) {
            findings.add(Findings.MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + startAt,
                    Findings.at(location, "StartAt"));
        }
        for (List<TransitionTarget> out : transitions.values()) {
            for (TransitionTarget t : out) {
                if (!t.guessed() && !transitions.containsKey(t.target())) {
                    findings.add(Findings.MISSING_TRANSITION_TARGET, "Missing 'Next' target: " + t.target(),
                            t.location());
                }
            }
        }
        // Only the machine itself must end: a branch or item processor that loops forever is
        // accepted (measured, floci-io/floci integration tests "MissingEndStateIsTopLevelOnly").
        if ("/".equals(location) && !ends && !endUnknown) {
            findings.add(Findings.MISSING_END_STATE, "Workflow has no terminal state", null);
            return;
        }
        if (startAt != null && transitions.containsKey(startAt)) {
            reportUnreachable(startAt, transitions, statesLocation);
        }
    }

    private void checkName(String name, String stateLocation) {
        if (name.length() > MAX_STATE_NAME_LENGTH) {
            // AWS: state names are limited to 80 characters (developer guide, "State machine structure").
            findings.add(Findings.INVALID_STATE_NAME,
                    "State name exceeds the maximum length of " + MAX_STATE_NAME_LENGTH + " characters",
                    stateLocation);
        }
        if (namesSeen.putIfAbsent(name, stateLocation) != null) {
            // Wording as AWS Step Functions Local prints it: "DUPLICATE_STATE_NAME: Duplicate State name: Add at /States/Add".
            findings.add(Findings.DUPLICATE_STATE_NAME, "Duplicate State name: " + name, stateLocation);
        }
    }

    private void reportUnreachable(String startAt, Map<String, List<TransitionTarget>> transitions, String statesLocation) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(startAt);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (transitions.containsKey(name) && reached.add(name)) {
                for (TransitionTarget t : transitions.get(name)) {
                    todo.add(t.target());
                }
            }
        }
        for (String name : transitions.keySet()) {
            if (!reached.contains(name)) {
                findings.add(Findings.MISSING_TRANSITION_TARGET, "State \"" + name + "\" is not reachable.",
                        Findings.at(statesLocation, name));
            }
        }
    }
}
