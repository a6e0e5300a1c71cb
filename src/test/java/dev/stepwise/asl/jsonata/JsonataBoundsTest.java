package dev.stepwise.asl.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimits;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile expressions end within the step's bound with States.QueryEvaluationError: AWS names every
 * JSONata failure so, with "Expression evaluation memory limit exceeded: Check for excessive memory
 * usage" for a value past its memory limit (recorded on AWS for $range) and jsonata-js's
 * "Expression evaluation timeout: Check for infinite loop" for time. The bound here is short; a
 * failure names which bound was hit, and the slack on the clock is generous so a loaded machine
 * cannot fail a passing test.
 */
class JsonataBoundsTest {
    private static final Duration BOUND = Duration.ofMillis(300);
    private static final Duration NO_TIME_BOUND = Duration.ofMinutes(5);
    /** Generous: the unbounded evaluations run for minutes, and a loaded machine must not fail a passing test. */
    private static final long SLACK_MILLIS = 20_000;
    private static final String TIMEOUT = "Expression evaluation timeout: Check for infinite loop";
    private static final String MEMORY = "Expression evaluation memory limit exceeded: Check for excessive memory usage";
    private static final String CATASTROPHIC = "/(.*x){15}y/";
    private static final String THIRTY_XS = "'" + "x".repeat(30) + "'";

    private static JsonNode evaluate(String expression) {
        return evaluate(expression, NO_TIME_BOUND);
    }

    private static JsonNode evaluate(String expression, Duration bound) {
        JsonataExpression compiled = JsonataExpression.compile(expression);
        return EvaluationBudget.within(new EvaluationLimits(bound, 256 * 1024), () -> compiled.evaluate(
                Json.parse("{\"input\": {}, \"context\": {}}"), Map.of(), new SplittableRandom(1)));
    }

    /** The failure, after checking it came no later than the bound allows. */
    private static StatesFailure failure(String expression, Duration bound) {
        long start = System.nanoTime();
        StatesFailure failure = assertThrows(StatesFailure.class, () -> evaluate(expression, bound));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < bound.toMillis() + SLACK_MILLIS, "took " + millis + " ms");
        assertEquals("States.QueryEvaluationError", failure.error(), failure.cause());
        return failure;
    }

    private static void assertTimedOut(String expression) {
        String cause = failure(expression, BOUND).cause();
        assertTrue(cause.endsWith("threw an error during evaluation: " + TIMEOUT), cause);
    }

    /** Size bounds decide before the clock does: no time bound gets in their way here. */
    private static void assertOutOfMemory(String expression) {
        String cause = failure(expression, NO_TIME_BOUND).cause();
        assertTrue(cause.endsWith("threw an error during evaluation: " + MEMORY), cause);
    }

    @Test
    void aPadPastTheValueLimitFailsBeforeItIsBuilt() {
        // The library's $pad appends one fill at a time to a new string: this spun for minutes.
        assertOutOfMemory("$pad('x', 100000000)");
    }

    @Test
    void aWidePadWithinTheLimitIsBuiltAtOnce() {
        assertEquals(1_000_000, evaluate("$pad('x', -1000000, 'ab')").textValue().length());
        assertEquals("ababx", evaluate("$pad('x', -5, 'ab')").textValue());
        assertEquals("x    ", evaluate("$pad('x', 5)").textValue());
    }

    @Test
    void aJoinWhoseSeparatorRepeatsPastTheLimitFails() {
        assertOutOfMemory("$join([1..30000].$string(), $pad('', 100, '-'))");
    }

    @Test
    void aReplacementRepeatedPastTheLimitFails() {
        assertOutOfMemory("$replace($pad('', 1000, 'x'), 'x', $pad('', 10000, 'y'))");
    }

    @Test
    void aReplacementThatFeedsItselfStopsAtTheBound() {
        assertTimedOut("$replace('a', 'a', 'aa', 100000000)");
    }

    @Test
    void aValueDoubledByReferenceFailsWhenItPassesTheLimit() {
        // Thirty doublings of a shared value: printing or comparing it would never end.
        assertOutOfMemory("$string($reduce([1..40], function($acc, $i) { [[$acc], [$acc]] }, [1, 2, 3]))");
    }

    @Test
    void aRangeOfTenMillionNumbersFails() {
        assertOutOfMemory("$count([1..10000000])");
    }

    @Test
    void aPathThatFlattensAListPerItemFailsBeforeFlattening() {
        assertOutOfMemory("($x := [1..300000]; $count([1..300000].$x))");
    }

    @Test
    void anArrayConstructorOfManyLargeMembersFails() {
        String member = "$x";
        assertOutOfMemory("($x := [1..200000]; $count([" + String.join(", ", java.util.Collections.nCopies(20, member)) + "]))");
    }

    @Test
    void aZipPastTheLimitFails() {
        String array = "[1..100000]";
        assertOutOfMemory("$zip(" + String.join(", ", java.util.Collections.nCopies(30, array)) + ")");
    }

    @Test
    void aLongSpreadIsLinear() {
        assertEquals(300_000, evaluate("$count($spread([1..300000]))").intValue());
        assertEquals("[{\"a\":1},{\"b\":2},3]", Json.write(evaluate("$spread([{'a': 1, 'b': 2}, 3])")));
    }

    @Test
    void valuesNestedPastTheDepthLimitFail() {
        assertOutOfMemory("$reduce([1..1100], function($acc, $i) { {'a': $acc} }, {})");
    }

    @Test
    void anEvaluationBegunAfterTheStepsTimeIsUpFailsAtOnce() {
        // The fields of one state (Arguments, Assign, Output, ...) share the step's one bound.
        JsonataExpression trivial = JsonataExpression.compile("1 + 1");
        StatesFailure failure = assertThrows(StatesFailure.class, () -> EvaluationBudget.within(
                new EvaluationLimits(Duration.ofMillis(1), 256 * 1024), () -> {
                    sleep(20);
                    return trivial.evaluate(Json.parse("{}"), Map.of(), new SplittableRandom(1));
                }));
        assertTrue(failure.cause().endsWith(TIMEOUT), failure.cause());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLoopThatNeverEndsStopsAtTheBound() {
        // A tail call runs in constant depth: only the clock stops it.
        assertTimedOut("($f := function($n) { $f($n + 1) }; $f(0))");
    }

    @Test
    void aCatastrophicRegularExpressionStopsAtTheBoundInEveryFunction() {
        // (.*x){15}y on 27 characters held a worker for 16 seconds; on 30 it runs for minutes.
        assertTimedOut("$match(" + THIRTY_XS + ", " + CATASTROPHIC + ")");
        assertTimedOut("$contains(" + THIRTY_XS + ", " + CATASTROPHIC + ")");
        assertTimedOut("$replace(" + THIRTY_XS + ", " + CATASTROPHIC + ", 'z')");
        assertTimedOut("$split(" + THIRTY_XS + ", " + CATASTROPHIC + ")");
        // A string pattern with a limit is a regular expression to the library too.
        assertTimedOut("$replace(" + THIRTY_XS + ", '(.*x){15}y', 'z', 1)");
    }

    @Test
    void aCatastrophicRegularExpressionCalledAsAFunctionStopsAtTheBound() {
        assertTimedOut("($r := " + CATASTROPHIC + "; " + THIRTY_XS + " ~> $r)");
        assertTimedOut("($r := " + CATASTROPHIC + "; $r(" + THIRTY_XS + "))");
        assertTimedOut("($r := " + CATASTROPHIC + "; $f := function($s) { $r($s) }; $f(" + THIRTY_XS + "))");
    }

    @Test
    void regularExpressionsKeepTheirMeaning() {
        assertEquals("[\"a\",\"b\",\"c\"]", Json.write(evaluate("$split('a1b22c', /[0-9]+/)")));
        assertEquals("\"x-y-z\"", Json.write(evaluate("$replace('x1y2z', /[0-9]/, '-')")));
        assertEquals("\"[1][2]\"", Json.write(evaluate("$replace('12', /([0-9])/, '[$1]')")));
        assertEquals("true", Json.write(evaluate("$contains('abc', /B/i)")));
        assertEquals("\"ab1\"", Json.write(evaluate("$match('ab1 cd2', /([a-z]+)([0-9])/)[0].match")));
        assertEquals("\"b-a\"", Json.write(evaluate("$replace('a-b', /(\\w)-(\\w)/, function($m) { $m.groups[2] & '-' & $m.groups[1] })")));
        assertEquals("[\"ab\",\"ab\"]", Json.write(evaluate("$match('ab ab ab', /ab/, 1).match")));
    }

    @Test
    @Timeout(60)
    void aQuadraticStringSearchEndsQuickly() {
        // String.indexOf compares most of the needle at every position of such a text: minutes here.
        assertEquals(1_000_000, evaluate("$substringBefore($pad('', 1000000, 'a'), $pad('', 200000, 'a') & 'b')")
                .textValue().length());
    }

    @Test
    void aTimestampPictureWithManyAdjacentComponentsIsRefused() {
        // The library parses with ^([0-9]+)([0-9]+)...$: every way of splitting the digits is tried.
        assertTimedOut("$toMillis('" + "1".repeat(60) + "x', '[Y][M][D][H][m][s][f]')");
        assertEquals(1704067200000L, evaluate("$toMillis('2024-01-01', '[Y0001]-[M01]-[D01]')").longValue());
    }

    @Test
    void picturesThatPadOrRecursePastTheLimitAreRefused() {
        assertOutOfMemory("$fromMillis(0, '[Y,100000000]')");
        assertOutOfMemory("$formatInteger(1000000000, 'I')");
        assertOutOfMemory("$formatNumber(1, '" + "0".repeat(2000) + "')");
        assertEquals("\"MMXXIV\"", Json.write(evaluate("$formatInteger(2024, 'I')")));
    }
}
