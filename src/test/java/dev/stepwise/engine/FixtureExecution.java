package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** The fixed execution every golden fixture runs as, and its mocked task results. */
final class FixtureExecution {
    static final String STATE_MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:Fixture";
    static final String EXECUTION_ARN = "arn:aws:states:us-east-1:123456789012:execution:Fixture:fixture-execution";
    static final Instant START = Instant.parse("2024-01-01T00:00:00.000Z");

    private FixtureExecution() {
    }

    static ExecutionInfo info(JsonNode input) {
        return new ExecutionInfo(EXECUTION_ARN, "fixture-execution", input, "arn:aws:iam::123456789012:role/StepwiseFixture",
                START, 0, null, STATE_MACHINE_ARN, "Fixture");
    }

    /**
     * Task results per state name, consumed in order; the last one repeats. A Task with none
     * returns its effective input.
     */
    static InMemoryRunner.TaskExecutor mockedTasks(JsonNode taskResults) {
        Map<String, Integer> calls = new HashMap<>();
        return request -> {
            JsonNode results = taskResults == null ? null : taskResults.get(request.stateName());
            if (results == null || results.isEmpty()) {
                return new Resumption.TaskSucceeded(request.parameters());
            }
            int call = calls.merge(request.stateName(), 1, Integer::sum) - 1;
            JsonNode result = results.get(Math.min(call, results.size() - 1));
            if (result.has("error")) {
                return new Resumption.TaskFailed(result.get("error").asText(),
                        result.path("cause").isMissingNode() ? null : result.get("cause").asText());
            }
            return new Resumption.TaskSucceeded(result.get("output"));
        };
    }

    static void requireOnly(JsonNode node, String where, String... allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!java.util.Arrays.asList(allowed).contains(name)) {
                throw new IllegalArgumentException(where + ": unknown key '" + name + "'");
            }
        }
    }

    static JsonNode orEmpty(JsonNode node) {
        return node == null ? Json.object() : node;
    }
}
