package dev.stepwise.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Choice: the Choices rules and Default. A top-level rule carries Next; rules nested in And, Or and
 * Not must not ("Field 'Next' is not supported", quoted by the cdk_preflight rego rules). Each rule
 * is exactly one of And, Or, Not, a Variable comparison or a JSONata Condition: AWS says "The object
 * must have only one of the following fields, [And, Or, Not, Variable, Condition]".
 */
final class ChoiceCheck implements StateValidator.StateCheck {
    private static final List<String> COMBINATORS = List.of("And", "Or", "Not", "Variable", "Condition");
    private static final List<String> TOP_LEVEL_ONLY = List.of("Next", "Assign", "Output");

    private final Findings findings;
    private final Syntax syntax;

    ChoiceCheck(Findings findings, Syntax syntax) {
        this.findings = findings;
        this.syntax = syntax;
    }

    @Override
    public void check(StateContext state) {
        if (state.misspelt("Choices").isEmpty() && findings.required(state.node(), state.location(), "Choices")
                && findings.nonEmptyArray(state.get("Choices"), state.at("Choices"))) {
            JsonNode choices = state.get("Choices");
            for (int i = 0; i < choices.size(); i++) {
                rule(choices.get(i), Findings.at(state.at("Choices"), i), true, state);
            }
        }
        if (state.has("Default") && findings.isString(state.get("Default"), state.at("Default"))) {
            state.transitions().add(new TransitionTarget(state.get("Default").textValue(), state.at("Default")));
        }
        state.misspelt("Default").ifPresent(field -> TransitionTarget.guess(state.transitions(), state.get(field), state.at(field)));
    }

    private void rule(JsonNode rule, String location, boolean topLevel, StateContext state) {
        if (!findings.isObject(rule, location)) {
            return;
        }
        List<String> operators = new ArrayList<>();
        List<String> known = ruleFields(topLevel);
        Map<String, String> misspelt = new LinkedHashMap<>();
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (ChoiceOperators.ALL.containsKey(field)) {
                operators.add(field);
            } else if (!known.contains(field)) {
                findings.notSupported(field, location, known).ifPresent(meant -> misspelt.putIfAbsent(meant, field));
            }
        }
        // A slip for Next, a combinator or an operator is reported once, with its suggestion, not
        // again as the field that is missing.
        boolean slipForOperator = misspelt.keySet().stream().anyMatch(ChoiceOperators.ALL::containsKey);
        boolean slipForCombinator = misspelt.keySet().stream().anyMatch(COMBINATORS::contains);
        if (topLevel && !rule.has("Next") && misspelt.containsKey("Next")) {
            TransitionTarget.guess(state.transitions(), rule.get(misspelt.get("Next")), Findings.at(location, misspelt.get("Next")));
        } else if (topLevel && findings.required(rule, location, "Next")
                && findings.isString(rule.get("Next"), Findings.at(location, "Next"))) {
            state.transitions().add(new TransitionTarget(rule.get("Next").textValue(), Findings.at(location, "Next")));
        }
        int combinators = Findings.countPresent(rule, COMBINATORS.toArray(String[]::new));
        if (combinators > 1 || combinators == 0 && !slipForCombinator) {
            findings.schema("The object must have only one of the following fields, " + COMBINATORS, location);
        }
        if (state.jsonata()) {
            jsonataRule(rule, location, operators);
            return;
        }
        if (rule.has("Condition")) {
            findings.schema(StateValidator.wrongLanguage("JSONPath", "Condition", "JSONata"), location);
        }
        if (rule.has("Output")) {
            findings.schema(StateValidator.wrongLanguage("JSONPath", "Output", "JSONata"), location);
        }
        if (topLevel && rule.has("Assign") && findings.isObject(rule.get("Assign"), Findings.at(location, "Assign"))) {
            syntax.template(rule.get("Assign"), Findings.at(location, "Assign"));
        }
        for (String combinator : new String[] {"And", "Or"}) {
            String at = Findings.at(location, combinator);
            if (rule.has(combinator) && findings.nonEmptyArray(rule.get(combinator), at)) {
                for (int i = 0; i < rule.get(combinator).size(); i++) {
                    rule(rule.get(combinator).get(i), Findings.at(at, i), false, state);
                }
            }
        }
        if (rule.has("Not")) {
            rule(rule.get("Not"), Findings.at(location, "Not"), false, state);
        }
        if (rule.has("Variable")) {
            syntax.path(rule.get("Variable"), "Variable", Findings.at(location, "Variable"), false);
            if (!(operators.isEmpty() && slipForOperator)) {
                comparison(rule, location, operators);
            }
        } else {
            for (String operator : operators) {
                findings.notSupported(operator, location);
            }
        }
    }

    /** What a rule may hold besides the operators, for suggestions: the order is AWS's. */
    private static List<String> ruleFields(boolean topLevel) {
        List<String> fields = new ArrayList<>(COMBINATORS);
        fields.add("Comment");
        if (topLevel) {
            fields.addAll(TOP_LEVEL_ONLY);
        }
        fields.addAll(ChoiceOperators.ALL.keySet());
        return fields;
    }

    /** JSONata rules are a Condition alone; the JSONPath comparison fields mean nothing there. */
    private void jsonataRule(JsonNode rule, String location, List<String> operators) {
        for (String field : new String[] {"And", "Or", "Not", "Variable"}) {
            if (rule.has(field)) {
                findings.notSupported(field, location);
            }
        }
        for (String operator : operators) {
            findings.notSupported(operator, location);
        }
    }

    private void comparison(JsonNode rule, String location, List<String> operators) {
        if (operators.size() != 1) {
            String message = operators.isEmpty()
                    ? "This object should have only one of the following fields: " + List.copyOf(ChoiceOperators.ALL.keySet())
                    : "There should only be one of the following fields: " + operators;
            findings.schema(message, location);
        }
        for (String operator : operators) {
            JsonNode value = rule.get(operator);
            String at = Findings.at(location, operator);
            switch (ChoiceOperators.ALL.get(operator)) {
                case STRING -> findings.isString(value, at);
                case NUMBER -> findings.isNumber(value, at);
                case BOOLEAN, TYPE_TEST -> findings.isBoolean(value, at);
                case PATH -> syntax.path(value, operator, at, false);
                case TIMESTAMP -> {
                    if (findings.isString(value, at) && !WaitCheck.isTimestamp(value.textValue())) {
                        findings.schema("Value is not a valid timestamp", at);
                    }
                }
            }
        }
    }
}
