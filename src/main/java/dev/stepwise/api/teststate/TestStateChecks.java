package dev.stepwise.api.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiException;
import dev.stepwise.api.Request;
import dev.stepwise.asl.Json;
import java.util.Set;

/**
 * What TestState refuses before it runs anything: a mock where AWS takes none, a Map or Parallel
 * (or a waiting Task) without one, a context without a mock, a mocked result that does not fit
 * the state or its service's response model. Recorded on AWS (LocalStack's
 * test_state_mock_validation.snapshot.json): "State type 'Pass' is not supported when a mock is
 * specified", "TestState does not support RevealSecrets when a mock is specified.", "Mocked result
 * must be an array.", InvalidDefinition "TestState API does not support Map or Parallel states.
 * Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]".
 */
public final class TestStateChecks {
    /** "A mock can only be specified for Task, Map, or Parallel states." */
    private static final Set<String> MOCKABLE = Set.of("Task", "Map", "Parallel");
    private static final String STATE_CONFIGURATION = "stateConfiguration";

    /** stateConfiguration and context as the run takes them. */
    public record Configuration(ObjectNode context, int retrierRetryCount, Integer mapIterationFailureCount,
                                JsonNode itemReaderData) {
    }

    private final ResultModels models;

    public TestStateChecks(ResultModels models) {
        this.models = models;
    }

    public Configuration check(Request request, StateUnderTest tested, Mock mock, boolean revealSecrets) {
        String type = tested.type();
        boolean fanOut = type.equals("Map") || type.equals("Parallel");
        if (mock != null) {
            if (revealSecrets) {
                throw Mock.validation("TestState does not support RevealSecrets when a mock is specified.");
            }
            if (!MOCKABLE.contains(type)) {
                throw Mock.validation("State type '" + type + "' is not supported when a mock is specified");
            }
            checkResult(tested, mock, fanOut);
        } else if (fanOut) {
            throw new ApiException("InvalidDefinition", "TestState API does not support Map or Parallel states. "
                    + "Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        } else if (tested.waits()) {
            // "TestState only supports the following when a mock is specified: Activity tasks, .sync or
            // .waitForTaskToken service integration patterns, Parallel, or Map states."
            throw new ApiException("InvalidDefinition", "TestState API does not support Activity tasks, .sync or "
                    + ".waitForTaskToken service integration patterns without a mock.");
        }
        ObjectNode context = context(request, tested, mock);
        return configuration(request, tested, context);
    }

    private void checkResult(StateUnderTest tested, Mock mock, boolean fanOut) {
        if (mock.isError()) {
            return;
        }
        JsonNode result = mock.result();
        if (fanOut) {
            // A Map with a ResultWriter gives the writer's description, an object; else the array of results.
            boolean writes = tested.definition().has("ResultWriter");
            if (writes && !result.isObject()) {
                throw Mock.validation("Mocked result must be a JSON object.");
            }
            if (!writes && !result.isArray()) {
                throw Mock.validation("Mocked result must be an array.");
            }
            return;
        }
        if (mock.fieldValidation() == Mock.FieldValidation.NONE || result.isNull()) {
            return;
        }
        models.of(tested.definition().path("Resource").asText()).ifPresent(model ->
                MockResultCheck.check(result, model, mock.fieldValidation() == Mock.FieldValidation.STRICT));
    }

    /** "A JSON string representing a valid Context object ... may only be specified if a mock is specified." */
    private static ObjectNode context(Request request, StateUnderTest tested, Mock mock) {
        String text = request.string("context");
        if (text == null) {
            return null;
        }
        if (mock == null) {
            throw Mock.validation("A context may only be specified if a mock is specified in the same request.");
        }
        JsonNode context;
        try {
            context = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw Mock.validation("Invalid Context object provided: " + e.getMessage());
        }
        return ContextObjectCheck.check(context, tested.waits());
    }

    private static Configuration configuration(Request request, StateUnderTest tested, ObjectNode context) {
        ObjectNode given = request.object(STATE_CONFIGURATION);
        if (given == null) {
            return new Configuration(context, 0, null, null);
        }
        Request configuration = new Request(request.action(), given);
        Integer retries = nonNegative(configuration, "retrierRetryCount");
        Integer failures = nonNegative(configuration, "mapIterationFailureCount");
        String causedBy = configuration.string("errorCausedByState", 1, 80, false);
        if (causedBy != null && !tested.contains(causedBy)) {
            throw Mock.validation("errorCausedByState must name a state of the tested Map or Parallel state: '" + causedBy + "'");
        }
        String readerText = configuration.string("mapItemReaderData", 0, 262144, false);
        JsonNode readerData = null;
        if (readerText != null) {
            try {
                readerData = Json.parse(readerText);
            } catch (IllegalArgumentException e) {
                throw Mock.validation("mapItemReaderData must be valid JSON");
            }
            if (!readerData.isArray()) {
                throw Mock.validation("mapItemReaderData must be a JSON array of the items the ItemReader reads");
            }
        }
        return new Configuration(context, retries == null ? 0 : retries, failures, readerData);
    }

    private static Integer nonNegative(Request request, String field) {
        Integer value = request.integer(field);
        if (value != null && value < 0) {
            throw ApiException.validation(value, STATE_CONFIGURATION + "." + field, "Member must have value greater than or equal to 0");
        }
        return value;
    }
}
