package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks one state: the fields every state type shares, then its own type's rules. Tells whether
 * the state ends its scope (Succeed, Fail, End: true), so the scope can see it has an end.
 */
final class StateValidator {
    private final Findings findings;
    private final Syntax syntax;
    private final boolean machineIsJsonata;
    private final Map<String, StateCheck> byType;
    private final JsonataCheck jsonataCheck;
    private final AssignNames assignNames;

    /** The fields of a state that name another state. */
    private static final List<String> NAMING_FIELDS = List.of("Next", "Default");

    /** Whether a state ends its scope; UNKNOWN when the state is too broken to tell. */
    enum Ending { ENDS, CONTINUES, UNKNOWN }

    /** The rules of one state type, beyond the common fields. */
    interface StateCheck {
        void check(StateContext state);
    }

    StateValidator(Findings findings, ScopeValidator scopes, boolean machineIsJsonata) {
        this.findings = findings;
        this.syntax = new Syntax(findings);
        this.machineIsJsonata = machineIsJsonata;
        this.jsonataCheck = new JsonataCheck(findings);
        this.assignNames = new AssignNames(findings);
        ErrorHandlers errorHandlers = new ErrorHandlers(findings, syntax);
        this.byType = Map.of(
                "Pass", state -> { },
                "Succeed", state -> { },
                "Task", new TaskCheck(findings, syntax, errorHandlers),
                "Choice", new ChoiceCheck(findings, syntax),
                "Wait", new WaitCheck(findings, syntax),
                "Fail", new FailCheck(findings, syntax),
                "Parallel", new ParallelCheck(findings, scopes, errorHandlers),
                "Map", new MapCheck(findings, syntax, scopes, errorHandlers));
    }

    Ending validate(String name, JsonNode node, String location, List<TransitionTarget> transitions) {
        if (!findings.isObject(node, location)) {
            return Ending.UNKNOWN;
        }
        if (!findings.required(node, location, "Type")) {
            guessTransitions(node, location, transitions);
            return Ending.UNKNOWN;
        }
        JsonNode typeNode = node.get("Type");
        String typeLocation = Findings.at(location, "Type");
        findings.oneOf(typeNode, typeLocation, StateFields.TYPES);
        if (!typeNode.isTextual() || !StateFields.TYPES.contains(typeNode.textValue())) {
            guessTransitions(node, location, transitions);
            return Ending.UNKNOWN;
        }
        String type = typeNode.textValue();
        StateContext state = new StateContext(name, node, location, isJsonata(node, location), transitions);

        checkFieldNames(type, state);
        assignNames.check(state);
        if (state.has("Comment")) {
            findings.isString(state.get("Comment"), state.at("Comment"));
        }
        if (!state.jsonata()) {
            checkJsonPathFields(state);
        } else {
            jsonataCheck.check(state);
        }
        Ending ends = StateFields.TERMINAL_TYPES.contains(type) ? Ending.ENDS : Ending.CONTINUES;
        if (StateFields.NEXT_OR_END_TYPES.contains(type)) {
            ends = checkNextOrEnd(state);
        }
        byType.get(type).check(state);
        return ends;
    }

    /**
     * The transitions of a state whose Type is missing or unknown: its type's own checks cannot
     * run, but the states it names are not unreachable because of that.
     */
    private static void guessTransitions(JsonNode node, String location, List<TransitionTarget> transitions) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            // Next and Default, or a slip for them ("Nxt"): the type's own check would have said which.
            if (Spelling.closest(field, NAMING_FIELDS).isPresent() || NAMING_FIELDS.contains(field)) {
                TransitionTarget.guess(transitions, node.get(field), Findings.at(location, field));
            }
        }
        for (String handlers : new String[] {"Choices", "Catch"}) {
            JsonNode list = node.get(handlers);
            for (int i = 0; list != null && list.isArray() && i < list.size(); i++) {
                TransitionTarget.guess(transitions, list.get(i).get("Next"), Findings.at(Findings.at(Findings.at(location, handlers), i), "Next"));
            }
        }
    }

    /**
     * A state's QueryLanguage overrides the machine's, except that a JSONata machine cannot have
     * JSONPath states: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state
     * machine" at the state (LocalStack snapshot recorded on AWS, INVALID_DOWNGRADE_QUERY_LANGUAGE).
     */
    private boolean isJsonata(JsonNode node, String location) {
        if (!node.has("QueryLanguage")) {
            return machineIsJsonata;
        }
        JsonNode language = node.get("QueryLanguage");
        findings.oneOf(language, Findings.at(location, "QueryLanguage"), DefinitionValidator.QUERY_LANGUAGES);
        if (machineIsJsonata && "JSONPath".equals(language.asText())) {
            findings.schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
                    location);
        }
        return machineIsJsonata || !isJsonPath(language);
    }

    /**
     * Only the exact string "JSONPath" selects JSONPath: any other value present (even a wrong
     * one, which is reported besides) selects JSONata (measured on AWS, floci-io/floci #2968).
     */
    static boolean isJsonPath(JsonNode language) {
        return language.isTextual() && "JSONPath".equals(language.textValue());
    }

    /**
     * Fields the type does not take: "Field 'X' is not supported" at the state (measured on AWS,
     * floci-io/floci #2735). A field of the other query language: "The QueryLanguage is set to
     * 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage" (measured on
     * AWS, floci-io/floci #2968); the JSONata-state direction mirrors that sentence.
     */
    private void checkFieldNames(String type, StateContext state) {
        for (Iterator<String> it = state.node().fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!StateFields.accepts(type, field)) {
                // A field another type takes is misplaced, not misspelt: no suggestion for it.
                Collection<String> known = StateFields.isStateField(field) ? List.of() : StateFields.accepted(type);
                findings.notSupported(field, state.location(), known)
                        .ifPresent(meant -> state.misspelt().putIfAbsent(meant, field));
            } else if (!state.jsonata() && StateFields.JSONATA_ONLY.contains(field)) {
                findings.schema(wrongLanguage("JSONPath", field, "JSONata"), state.location());
            } else if (state.jsonata() && StateFields.JSONPATH_ONLY.contains(field)) {
                // Reported at the field itself (measured, floci-io/floci integration tests: /States/X/InputPath).
                findings.schema(wrongLanguage("JSONata", field, "JSONPath"), state.at(field));
            }
        }
    }

    static String wrongLanguage(String set, String field, String supported) {
        return "The QueryLanguage is set to '" + set + "', but field '" + field
                + "' is only supported for the '" + supported + "' QueryLanguage";
    }

    private void checkJsonPathFields(StateContext state) {
        syntax.path(state.get("InputPath"), "InputPath", state.at("InputPath"), true);
        syntax.path(state.get("OutputPath"), "OutputPath", state.at("OutputPath"), true);
        syntax.referencePath(state.get("ResultPath"), "ResultPath", state.at("ResultPath"));
        for (String template : List.of("Parameters", "ResultSelector", "Assign")) {
            if (state.has(template) && findings.isObject(state.get(template), state.at(template))) {
                syntax.template(state.get(template), state.at(template));
            }
        }
    }

    /**
     * Exactly one of Next or End: true. AWS: "There should only be one of the following fields:
     * [Next, End]" for both, "This object should have only one of the following fields: [Next,
     * End]" for neither (quoted by the cdk_preflight rego rules).
     */
    private Ending checkNextOrEnd(StateContext state) {
        boolean hasNext = state.has("Next");
        boolean hasEnd = state.has("End");
        if (!hasNext && !hasEnd && (state.misspelt("Next").isPresent() || state.misspelt("End").isPresent())) {
            // "Nxt" or "Ends": reported with its suggestion; neither missing Next/End nor its target follows from it.
            state.misspelt("Next").ifPresent(field -> TransitionTarget.guess(state.transitions(), state.get(field), state.at(field)));
            return state.misspelt("Next").isPresent() ? Ending.CONTINUES : Ending.UNKNOWN;
        }
        boolean endIsBoolean = !hasEnd || findings.isBoolean(state.get("End"), state.at("End"));
        boolean ends = hasEnd && state.get("End").booleanValue();
        if (hasNext && hasEnd) {
            findings.schema("There should only be one of the following fields: [Next, End]", state.location());
        } else if (!hasNext && !ends && endIsBoolean) {
            findings.schema("This object should have only one of the following fields: [Next, End]",
                    state.location());
        }
        boolean nextIsString = !hasNext || findings.isString(state.get("Next"), state.at("Next"));
        if (hasNext && nextIsString) {
            state.transitions().add(new TransitionTarget(state.get("Next").textValue(), state.at("Next")));
        }
        if (!endIsBoolean || !nextIsString) {
            return Ending.UNKNOWN;
        }
        return ends ? Ending.ENDS : Ending.CONTINUES;
    }
}
