package dev.stepwise.asl.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimits;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A {@code ..} scan inside a scan multiplies its matches; the matches are counted against the
 * payload quota (States.DataLimitExceeded, deterministic) and a scan that finds nothing but walks the
 * document once per node stops at the step's time bound (States.Runtime: AWS documents no such
 * bound, and an evaluation that cannot complete is a runtime failure Retry and Catch do not see).
 */
class JsonPathBoundsTest {
    private static final Duration BOUND = Duration.ofMillis(300);
    /** Generous: the unbounded evaluations run for minutes, and a loaded machine must not fail a passing test. */
    private static final long SLACK_MILLIS = 20_000;

    /** A tree of about 20,000 nodes: small as a payload, large enough to square. */
    private static JsonNode tree() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 5_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"a\":{\"b\":[").append(i).append("]}}");
        }
        return Json.parse(json.append(']').toString());
    }

    /** Objects nested 300 deep, each with 50 numbers: every node has thousands of descendants. */
    private static JsonNode deepTree() {
        String level = "{\"m\":[" + "1,".repeat(49) + "1],\"n\":";
        return Json.parse(level.repeat(300) + "1" + "}".repeat(300));
    }

    private static StatesFailure failure(String path, JsonNode input, Duration bound) {
        JsonPath compiled = JsonPath.compile(path);
        long start = System.nanoTime();
        StatesFailure failure = assertThrows(StatesFailure.class, () -> EvaluationBudget.within(
                new EvaluationLimits(bound, 256 * 1024), () -> compiled.read(Bindings.ofInput(input))));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < bound.toMillis() + SLACK_MILLIS, "took " + millis + " ms");
        return failure;
    }

    @Test
    void aScanOfAScanFailsOnceItsMatchesPassThePayloadQuota() {
        StatesFailure failure = failure("$..*..*", deepTree(), Duration.ofMinutes(5));
        assertEquals("States.DataLimitExceeded", failure.error());
        assertEquals("The value built by the path '$..*..*' has a size exceeding the maximum number of bytes service"
                + " limit (262144 bytes).", failure.cause());
    }

    @Test
    void aScanThatWalksTheDocumentOncePerNodeStopsAtTheBound() {
        StatesFailure failure = failure("$..[?(@.none == $..nothing)]", tree(), BOUND);
        assertEquals("States.Runtime", failure.error());
        assertEquals("The evaluation did not complete within 300 milliseconds, Stepwise's bound on the evaluations of"
                + " one step.", failure.cause());
    }

    @Test
    void ordinaryScansAreUnchanged() {
        assertEquals(5_000, JsonPath.compile("$..b[0]").read(Bindings.ofInput(tree())).orElseThrow().size());
    }
}
