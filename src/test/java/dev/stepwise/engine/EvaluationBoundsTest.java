package dev.stepwise.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.asl.EvaluationLimits;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachineParser;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One step's evaluations share one time bound, and a step past a bound fails with its error
 * instead of running on: the hostile step returns within the bound (a short one here, with generous
 * slack for a loaded machine; the error says which bound was hit).
 */
class EvaluationBoundsTest {
    private static final Duration BOUND = Duration.ofMillis(300);
    /** Generous: the unbounded evaluations run for minutes, and a loaded machine must not fail a passing test. */
    private static final long SLACK_MILLIS = 20_000;
    private static final String CATASTROPHIC = "(.*x){15}y";

    private static InMemoryRunner.Result run(String definition, String input) {
        return run(definition, input, BOUND);
    }

    private static InMemoryRunner.Result run(String definition, String input, Duration bound) {
        InMemoryRunner runner = new InMemoryRunner(new Engine(EngineOptions.defaults().withEvaluationTimeout(bound)),
                FixtureExecution.mockedTasks(null));
        long start = System.nanoTime();
        InMemoryRunner.Result result = runner.run(new StateMachineParser().parse(Json.parse(definition)),
                FixtureExecution.info(Json.parse(input)), new InMemoryRunner.CollectingSink(), new SplittableRandom(1));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < bound.toMillis() + SLACK_MILLIS, "took " + millis + " ms");
        return result;
    }

    @Test
    void aCatastrophicRegularExpressionFailsItsStateWhenTheStepsTimeIsUp() {
        InMemoryRunner.Result result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
                 "Output": "{% $match($states.input.text, /CATASTROPHIC/) %}", "End": true}}}""".replace("CATASTROPHIC", CATASTROPHIC),
                "{\"text\": \"" + "x".repeat(30) + "\"}");
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.QueryEvaluationError", result.error());
        assertTrue(result.cause().endsWith("threw an error during evaluation: Expression evaluation timeout: Check for infinite loop"),
                result.cause());
    }

    @Test
    void aStringMatchesPatternThatAlmostMatchesEverywhereIsDecidedQuickly() {
        // String.indexOf would compare most of the 100,000-character literal at each of 200,000 places.
        InMemoryRunner.Result result = run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.text",
                  "StringMatches": "*%s*", "Next": "Matched"}], "Default": "Missed"},
                 "Matched": {"Type": "Succeed"}, "Missed": {"Type": "Pass", "Result": "missed", "End": true}}}"""
                .replace("%s", "a".repeat(100_000) + "b"), "{\"text\": \"" + "a".repeat(200_000) + "\"}",
                EvaluationLimits.DEFAULT_TIMEOUT);
        assertEquals("\"missed\"", Json.write(result.output()));
    }

    @Test
    void aJsonPathScanPastTheBoundFailsWithStatesRuntimeThatCatchDoesNotSee() {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 5_000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"a\":{\"b\":[").append(i).append("]}}");
        }
        InMemoryRunner.Result result = run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"found.$": "$..[?(@.none == $..nothing)]"},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Succeed"}}}""", items.append(']').toString());
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.Runtime", result.error());
        assertEquals("An error occurred while executing the state 'T' (entered at the event id #2). The evaluation did"
                + " not complete within 300 milliseconds, Stepwise's bound on the evaluations of one step.", result.cause());
    }

    @Test
    void anOutputNestedDeeperThanAnyAcceptedJsonFailsWithStatesDataLimitExceeded() {
        // The input is as deep as JSON may be; wrapping it once more is one level too many.
        String deep = "[".repeat(1000) + "]".repeat(1000);
        InMemoryRunner.Result result = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"wrapped.$": "$"}, "End": true}}}""", deep);
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.DataLimitExceeded", result.error());
        assertEquals("The state/task 'P' returned a result nesting arrays and objects more than 1000 levels deep.",
                result.cause());
    }

    @Test
    void anInputAsDeepAsJsonMayBeRunsThroughEveryKindOfState() {
        String deep = "{\"items\": [1, 2], \"deep\": " + "{\"v\":".repeat(997) + "1" + "}".repeat(997) + "}";
        InMemoryRunner.Result result = run("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Pass", "Next": "C"},
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.deep.v.v", "IsPresent": true, "Next": "M"}]},
                  "M": {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"deep.$": "$$.Execution.Input.deep"},
                        "ItemProcessor": {"StartAt": "J", "States": {"J": {"Type": "Pass", "QueryLanguage": "JSONata",
                          "Output": "{% $states.input.deep %}", "End": true}}}, "ResultPath": null, "Next": "T"},
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": null, "End": true}}}""", deep);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.error() + ": " + result.cause());
        assertEquals(Json.write(Json.parse(deep)), Json.write(result.output()));
    }

}
