package dev.stepwise.asl.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.path.Bindings;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Choice Rules built from their JSON and evaluated through real paths. */
class ChoiceRulesTest {
    private static final String INVALID_PATH =
            "Invalid path '%s': The choice state's condition path references an invalid value.";

    private static boolean matches(String rule, String input) {
        return ChoiceRules.parse(Json.parse(rule)).matches(Bindings.ofInput(Json.parse(input)));
    }

    private static StatesFailure failure(String rule, String input) {
        ChoiceRule parsed = ChoiceRules.parse(Json.parse(rule));
        return assertThrows(StatesFailure.class, () -> parsed.matches(Bindings.ofInput(Json.parse(input))));
    }

    private static IllegalArgumentException rejected(String rule) {
        return assertThrows(IllegalArgumentException.class, () -> ChoiceRules.parse(Json.parse(rule)));
    }

    /** The fixture case as LocalStack's AWS recordings ran it: Variable "$.Variable", the operand literal or "$.Value". */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stepwise.asl.choice.ChoiceFixtures#cases")
    void ruleAnswersAsAwsDoesInItsLiteralAndPathForms(ChoiceFixtures.Case c) {
        ObjectNode input = Json.object();
        if (!c.variable().isMissingNode()) {
            input.set("Variable", c.variable());
        }
        input.set("Value", c.value());
        Bindings bindings = Bindings.ofInput(input);

        ObjectNode literal = Json.object().put("Variable", "$.Variable");
        literal.set(c.operator(), c.value());
        if (c.pathOnly()) {
            assertThrows(IllegalArgumentException.class, () -> ChoiceRules.parse(literal));
        } else {
            assertRuleAnswers(c, literal, bindings);
        }
        boolean hasPathForm = !c.operator().equals("StringMatches") && !c.operator().startsWith("Is");
        if (hasPathForm) {
            ObjectNode path = Json.object().put("Variable", "$.Variable").put(c.operator() + "Path", "$.Value");
            assertRuleAnswers(c, path, bindings);
        }
    }

    private static void assertRuleAnswers(ChoiceFixtures.Case c, JsonNode json, Bindings bindings) {
        ChoiceRule rule = ChoiceRules.parse(json);
        if (c.error() != null) {
            assertEquals(c.error(), assertThrows(StatesFailure.class, () -> rule.matches(bindings)).error());
        } else {
            assertEquals(c.matches().booleanValue(), rule.matches(bindings), json.toString());
        }
    }

    // The example of the developer guide's Choice state page, with the Next each rule carries.
    private static final String DOCS_CHOICES = """
            [
              {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
              {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"},
              {"And": [
                  {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                  {"Variable": "$.value", "NumericLessThan": 30}],
               "Next": "ValueInTwenties"}
            ]""";

    private static String choose(String choices, String input) {
        for (JsonNode choice : Json.parse(choices)) {
            if (ChoiceRules.parse(choice).matches(Bindings.ofInput(Json.parse(input)))) {
                return choice.get("Next").textValue();
            }
        }
        return "DefaultState";
    }

    @Test
    void theDeveloperGuideExampleGoesToValueInTwenties() {
        assertEquals("ValueInTwenties", choose(DOCS_CHOICES, "{\"type\": \"Private\", \"value\": 22}"));
    }

    @Test
    void theDeveloperGuideExampleTakesEachOtherBranch() {
        assertEquals("Public", choose(DOCS_CHOICES, "{\"type\": \"Public\", \"value\": 22}"));
        assertEquals("ValueIsZero", choose(DOCS_CHOICES, "{\"type\": \"Private\", \"value\": 0}"));
        assertEquals("ValueIsZero", choose(DOCS_CHOICES, "{\"type\": \"Private\", \"value\": 0.0}"));
        assertEquals("DefaultState", choose(DOCS_CHOICES, "{\"type\": \"Private\", \"value\": 30}"));
    }

    @Test
    void theDeveloperGuideExampleFailsWhenTheInputHasNoTypeField() {
        // "If the state input doesn't contain the $.type field, the execution fails".
        StatesFailure failure = assertThrows(StatesFailure.class, () -> choose(DOCS_CHOICES, "{\"value\": 22}"));
        assertEquals("States.Runtime", failure.error());
        assertEquals(String.format(INVALID_PATH, "$.type"), failure.cause());
    }

    // The States Language's JSONPath Choice example, guarding the numeric tests with IsPresent and IsNumeric.
    private static final String SPEC_CHOICES = """
            [
              {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
              {"And": [
                  {"Variable": "$.value", "IsPresent": true},
                  {"Variable": "$.value", "IsNumeric": true},
                  {"Variable": "$.value", "NumericGreaterThanEquals": 20},
                  {"Variable": "$.value", "NumericLessThan": 30}],
               "Next": "ValueInTwenties"},
              {"Variable": "$.rating", "NumericGreaterThanPath": "$.auditThreshold", "Next": "StartAudit"}
            ]""";

    @Test
    void theSpecExampleGoesToValueInTwenties() {
        assertEquals("ValueInTwenties", choose(SPEC_CHOICES, "{\"type\": \"Private\", \"value\": 22}"));
    }

    @Test
    void theSpecExampleComparesTwoInputFieldsWithAPathOperator() {
        assertEquals("StartAudit", choose(SPEC_CHOICES,
                "{\"type\": \"Private\", \"value\": \"n/a\", \"rating\": 53, \"auditThreshold\": 50}"));
        assertEquals("DefaultState", choose(SPEC_CHOICES,
                "{\"type\": \"Private\", \"value\": \"n/a\", \"rating\": 50, \"auditThreshold\": 50}"));
    }

    @Test
    void isPresentGuardsAnAbsentFieldBecauseAndStopsAtTheFirstFalseRule() {
        String rule = """
                {"And": [{"Variable": "$.value", "IsPresent": true}, {"Variable": "$.value", "NumericEquals": 1}]}""";
        assertFalse(matches(rule, "{}"));
        assertTrue(matches(rule, "{\"value\": 1}"));
        // The guarded And passes over the absent $.value; the next rule has no guard and fails on $.rating.
        StatesFailure failure = assertThrows(StatesFailure.class, () -> choose(SPEC_CHOICES, "{\"type\": \"Private\"}"));
        assertEquals(String.format(INVALID_PATH, "$.rating"), failure.cause());
    }

    @Test
    void aMissingVariableFailsWithAwsCause() {
        StatesFailure failure = failure("{\"Variable\": \"$.foo\", \"NumericEquals\": 1}", "{}");
        assertEquals("States.Runtime", failure.error());
        assertEquals("Invalid path '$.foo': The choice state's condition path references an invalid value.",
                failure.cause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"IsNull\": true", "\"IsNumeric\": false", "\"IsString\": true", "\"IsBoolean\": false",
            "\"IsTimestamp\": false", "\"StringMatches\": \"*\"", "\"BooleanEquals\": true",
            "\"TimestampEquals\": \"2016-03-14T01:59:00Z\""})
    void onlyIsPresentMayLookAtAMissingVariable(String operator) {
        StatesFailure failure = failure("{\"Variable\": \"$.a.b\", " + operator + "}", "{\"a\": {}}");
        assertEquals("States.Runtime", failure.error());
        assertEquals(String.format(INVALID_PATH, "$.a.b"), failure.cause());
    }

    @Test
    void isPresentFalseMatchesAnAbsentField() {
        assertTrue(matches("{\"Variable\": \"$.missing\", \"IsPresent\": false}", "{}"));
        assertFalse(matches("{\"Variable\": \"$.missing\", \"IsPresent\": true}", "{}"));
        assertFalse(matches("{\"Variable\": \"$.a.b.c\", \"IsPresent\": true}", "{\"a\": 1}"));
    }

    @Test
    void aFieldHoldingNullIsPresentAndNull() {
        assertTrue(matches("{\"Variable\": \"$.a\", \"IsPresent\": true}", "{\"a\": null}"));
        assertTrue(matches("{\"Variable\": \"$.a\", \"IsNull\": true}", "{\"a\": null}"));
        assertFalse(matches("{\"Variable\": \"$.a\", \"StringEquals\": \"null\"}", "{\"a\": null}"));
    }

    @Test
    void aMissingOperandPathFailsNamingThatPath() {
        StatesFailure failure = failure("{\"Variable\": \"$.a\", \"NumericEqualsPath\": \"$.b\"}", "{\"a\": 1}");
        assertEquals("States.Runtime", failure.error());
        assertEquals(String.format(INVALID_PATH, "$.b"), failure.cause());
    }

    @Test
    void notDoesNotHideAMissingVariable() {
        StatesFailure failure = failure("{\"Not\": {\"Variable\": \"$.a\", \"StringEquals\": \"x\"}}", "{}");
        assertEquals(String.format(INVALID_PATH, "$.a"), failure.cause());
    }

    @Test
    void orStopsBeforeARuleWhosePathIsMissing() {
        String rule = "{\"Or\": [{\"Variable\": \"$.a\", \"NumericEquals\": 1}, {\"Variable\": \"$.b\", \"NumericEquals\": 1}]}";
        assertTrue(matches(rule, "{\"a\": 1}"));
        assertEquals(String.format(INVALID_PATH, "$.b"), failure(rule, "{\"a\": 2}").cause());
    }

    @Test
    void nestedAndOrNotCombine() {
        String rule = """
                {"Or": [
                  {"And": [{"Variable": "$.n", "NumericGreaterThan": 0}, {"Not": {"Variable": "$.s", "StringMatches": "tmp*"}}]},
                  {"Variable": "$.force", "BooleanEquals": true}
                ]}""";
        assertTrue(matches(rule, "{\"n\": 1, \"s\": \"report\", \"force\": false}"));
        assertFalse(matches(rule, "{\"n\": 1, \"s\": \"tmp-1\", \"force\": false}"));
        assertTrue(matches(rule, "{\"n\": 0, \"s\": \"tmp-1\", \"force\": true}"));
    }

    @Test
    void theVariableMayReadTheContextObject() {
        ChoiceRule rule = ChoiceRules.parse(Json.parse("{\"Variable\": \"$$.Execution.Name\", \"StringEquals\": \"run-1\"}"));
        JsonNode context = Json.parse("{\"Execution\": {\"Name\": \"run-1\"}}");
        assertTrue(rule.matches(Bindings.of(Json.object(), () -> context, new SplittableRandom(0))));
        assertFalse(rule.matches(Bindings.of(Json.parse("{\"Execution\": {\"Name\": \"run-1\"}}"),
                () -> Json.parse("{\"Execution\": {\"Name\": \"other\"}}"), new SplittableRandom(0))));
    }

    @Test
    void aPathOperandMayReadTheContextObject() {
        ChoiceRule rule = ChoiceRules.parse(Json.parse(
                "{\"Variable\": \"$.startedBy\", \"StringEqualsPath\": \"$$.Execution.Input.user\"}"));
        JsonNode context = Json.parse("{\"Execution\": {\"Input\": {\"user\": \"ana\"}}}");
        assertTrue(rule.matches(Bindings.of(Json.parse("{\"startedBy\": \"ana\"}"), () -> context, new SplittableRandom(0))));
    }

    @Test
    void nestedPathsAndIndexesSelectTheVariable() {
        assertTrue(matches("{\"Variable\": \"$.items[1].price\", \"NumericLessThanEquals\": 9.99}",
                "{\"items\": [{\"price\": 20}, {\"price\": 9.99}]}"));
    }

    @Test
    void anOpenEscapeInStringMatchesIsARuntimeError() {
        StatesFailure failure = failure("{\"Variable\": \"$.a\", \"StringMatches\": \"abc\\\\\"}", "{\"a\": \"abc\"}");
        assertEquals("States.Runtime", failure.error());
    }

    @Test
    void aTopLevelRuleMayCarryNextCommentAndAssign() {
        assertTrue(matches("{\"Variable\": \"$.a\", \"StringEquals\": \"x\", \"Next\": \"S\", \"Comment\": \"c\", "
                + "\"Assign\": {\"v\": 1}}", "{\"a\": \"x\"}"));
    }

    @Test
    void parseBuildsTheRuleKindsItNames() {
        assertInstanceOf(Comparison.class, ChoiceRules.parse(Json.parse("{\"Variable\": \"$.a\", \"NumericEqualsPath\": \"$.b\"}")));
        assertInstanceOf(TypeCheck.class, ChoiceRules.parse(Json.parse("{\"Variable\": \"$.a\", \"IsString\": true}")));
        assertInstanceOf(And.class, ChoiceRules.parse(Json.parse("{\"And\": [{\"Variable\": \"$.a\", \"IsString\": true}]}")));
        assertInstanceOf(Or.class, ChoiceRules.parse(Json.parse("{\"Or\": [{\"Variable\": \"$.a\", \"IsString\": true}]}")));
        assertInstanceOf(Not.class, ChoiceRules.parse(Json.parse("{\"Not\": {\"Variable\": \"$.a\", \"IsString\": true}}")));
    }

    @Test
    void theRegistryHoldsEveryOperatorOfTheStatesLanguage() {
        // The States Language lists 23 operators; 16 of them also have a ...Path form.
        assertEquals(39, ChoiceRules.operatorNames().size());
        assertTrue(ChoiceRules.operatorNames().contains("TimestampGreaterThanEqualsPath"));
        assertFalse(ChoiceRules.operatorNames().contains("StringMatchesPath"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "\"StringEquals\"",
        "{}",
        "{\"Next\": \"S\"}",
        "{\"And\": [], \"Next\": \"S\"}",
        "{\"And\": {\"Variable\": \"$.a\", \"IsNull\": true}}",
        "{\"Or\": [{\"Variable\": \"$.a\", \"IsNull\": true}, 3]}",
        "{\"Not\": [{\"Variable\": \"$.a\", \"IsNull\": true}]}",
        "{\"Not\": null}",
        "{\"And\": [{\"Variable\": \"$.a\", \"IsNull\": true}], \"Variable\": \"$.a\", \"IsNull\": true}",
        "{\"Variable\": \"$.a\"}",
        "{\"Variable\": \"$.a\", \"StringEqual\": \"x\"}",
        "{\"Variable\": \"$.a\", \"StringEquals\": \"x\", \"IsNull\": true}",
        "{\"Variable\": 3, \"StringEquals\": \"x\"}",
        "{\"Variable\": null, \"StringEquals\": \"x\"}",
        "{\"Variable\": \"a.b\", \"StringEquals\": \"x\"}",
        "{\"Variable\": \"$.a[\", \"StringEquals\": \"x\"}",
        "{\"Variable\": \"$.a\", \"StringEquals\": 1}",
        "{\"Variable\": \"$.a\", \"StringMatches\": null}",
        "{\"Variable\": \"$.a\", \"NumericEquals\": \"1\"}",
        "{\"Variable\": \"$.a\", \"BooleanEquals\": \"true\"}",
        "{\"Variable\": \"$.a\", \"TimestampEquals\": \"2016-03-14\"}",
        "{\"Variable\": \"$.a\", \"TimestampEquals\": 1457920740}",
        "{\"Variable\": \"$.a\", \"IsPresent\": \"true\"}",
        "{\"Variable\": \"$.a\", \"IsNull\": 1}",
        "{\"Variable\": \"$.a\", \"NumericEqualsPath\": 1}",
        "{\"Variable\": \"$.a\", \"NumericEqualsPath\": \"b\"}",
        "{\"And\": [{\"Variable\": \"$.a\", \"IsNull\": true}, {\"Or\": [{\"Variable\": \"$.b\"}]}]}"
    })
    void parseRejectsWhatItCannotBuildWithAnIllegalArgumentException(String rule) {
        IllegalArgumentException e = rejected(rule);
        assertFalse(e.getMessage() == null || e.getMessage().isBlank());
    }

    @Test
    void parseRejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> ChoiceRules.parse(null));
    }

    @Test
    void parseMessagesSayWhereAndWhat() {
        assertEquals("And[1]: Or[0]: the Choice Rule on Variable '$.b' has no comparison operator; expected one of "
                        + ChoiceRules.operatorNames(),
                rejected("{\"And\": [{\"Variable\": \"$.a\", \"IsNull\": true}, {\"Or\": [{\"Variable\": \"$.b\"}]}]}")
                        .getMessage());
        assertEquals("Choice Rule field 'NumericEquals' must be a number, got \"1\"",
                rejected("{\"Variable\": \"$.a\", \"NumericEquals\": \"1\"}").getMessage());
        assertEquals("Choice Rule field 'IsPresent' must be true or false, got \"true\"",
                rejected("{\"Variable\": \"$.a\", \"IsPresent\": \"true\"}").getMessage());
        assertEquals("a Choice Rule must have exactly one of the fields And, Or, Not or Variable, found none",
                rejected("{\"Next\": \"S\"}").getMessage());
    }
}
