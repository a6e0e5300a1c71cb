package dev.stepwise.api.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.DataFlow;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * TestState's {@code inspectionData} at DEBUG and TRACE: "the input and output data processing
 * result" stage by stage (JSON text, as AWS returns it), the Map's settings (numbers), the
 * variables after the state, and the retry or catch decision. The stages shown follow what AWS
 * recorded (LocalStack's test_test_state_scenarios and test_state_configuration snapshots):
 * JSONPath stages only in JSONPath states, and a Pass state with a Result shows no
 * afterInputPath or afterParameters. TRACE adds an HTTP Task's request and response.
 */
public final class InspectionData {
    private static final Set<DataFlow.Stage> NUMBERS = EnumSet.of(DataFlow.Stage.MAX_CONCURRENCY,
            DataFlow.Stage.TOLERATED_FAILURE_COUNT, DataFlow.Stage.TOLERATED_FAILURE_PERCENTAGE);

    private InspectionData() {
    }

    /** The inspection data; at TRACE also the HTTP Task's request and response ({@link HttpInspection}). */
    public static ObjectNode of(StateUnderTest tested, String input, IsolatedRun.Result result, boolean trace,
                                boolean revealSecrets) {
        ObjectNode data = Json.object().put("input", input);
        boolean passWithResult = tested.type().equals("Pass") && tested.definition().has("Result");
        for (Map.Entry<DataFlow.Stage, JsonNode> stage : result.stages().entrySet()) {
            DataFlow.Stage name = stage.getKey();
            JsonNode value = stage.getValue();
            if (passWithResult && (name == DataFlow.Stage.AFTER_INPUT_PATH || name == DataFlow.Stage.AFTER_PARAMETERS)) {
                continue;
            }
            if (NUMBERS.contains(name)) {
                data.set(name.member(), value);
            } else if (name != DataFlow.Stage.VARIABLES || !value.isEmpty()) {
                // "JSON string that contains the set of workflow variables after execution of the state".
                data.put(name.member(), Json.write(value));
            }
        }
        if (!result.errorDetails().isEmpty()) {
            data.set("errorDetails", result.errorDetails());
        }
        if (trace && result.http() != null) {
            HttpInspection.add(data, result.http(), revealSecrets);
        }
        return data;
    }
}
