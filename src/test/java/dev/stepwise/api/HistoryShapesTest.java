package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of engine event in the shape of the API reference's HistoryEvent: the detail
 * member's name and its members, payloads as JSON strings.
 */
class HistoryShapesTest {
    private static final JsonNode DATA = Json.parse("{\"k\":1}");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(EventType.ExecutionStarted, new EventDetails.ExecutionStarted(DATA, "arn:role"),
                        "{\"executionStartedEventDetails\":{\"input\":\"{\\\"k\\\":1}\",\"inputDetails\":{\"truncated\":false},\"roleArn\":\"arn:role\"}}"),
                Arguments.of(EventType.ExecutionSucceeded, new EventDetails.ExecutionSucceeded(DATA),
                        "{\"executionSucceededEventDetails\":{\"output\":\"{\\\"k\\\":1}\",\"outputDetails\":{\"truncated\":false}}}"),
                Arguments.of(EventType.ExecutionFailed, new EventDetails.ExecutionFailed("E", "C"),
                        "{\"executionFailedEventDetails\":{\"error\":\"E\",\"cause\":\"C\"}}"),
                Arguments.of(EventType.ExecutionAborted, new EventDetails.ExecutionFailed(null, null),
                        "{\"executionAbortedEventDetails\":{}}"),
                Arguments.of(EventType.ExecutionAborted, new EventDetails.ExecutionAborted("User.Stop", "enough"),
                        "{\"executionAbortedEventDetails\":{\"error\":\"User.Stop\",\"cause\":\"enough\"}}"),
                Arguments.of(EventType.ExecutionTimedOut, new EventDetails.ExecutionTimedOut("States.Timeout", "late"),
                        "{\"executionTimedOutEventDetails\":{\"error\":\"States.Timeout\",\"cause\":\"late\"}}"),
                Arguments.of(EventType.ChoiceStateEntered, new EventDetails.StateEntered("S", DATA),
                        "{\"stateEnteredEventDetails\":{\"name\":\"S\",\"input\":\"{\\\"k\\\":1}\",\"inputDetails\":{\"truncated\":false}}}"),
                Arguments.of(EventType.ChoiceStateExited, new EventDetails.StateExited("S", DATA),
                        "{\"stateExitedEventDetails\":{\"name\":\"S\",\"output\":\"{\\\"k\\\":1}\",\"outputDetails\":{\"truncated\":false}}}"),
                Arguments.of(EventType.TaskScheduled, new EventDetails.TaskScheduled("sqs", "sendMessage", "us-east-1", DATA, 60L, 10L),
                        "{\"taskScheduledEventDetails\":{\"resourceType\":\"sqs\",\"resource\":\"sendMessage\",\"region\":\"us-east-1\","
                                + "\"parameters\":\"{\\\"k\\\":1}\",\"timeoutInSeconds\":60,\"heartbeatInSeconds\":10}}"),
                Arguments.of(EventType.TaskStarted, new EventDetails.TaskStarted("sqs", "sendMessage"),
                        "{\"taskStartedEventDetails\":{\"resourceType\":\"sqs\",\"resource\":\"sendMessage\"}}"),
                Arguments.of(EventType.TaskSucceeded, new EventDetails.TaskSucceeded("sqs", "sendMessage", DATA),
                        "{\"taskSucceededEventDetails\":{\"resourceType\":\"sqs\",\"resource\":\"sendMessage\",\"output\":\"{\\\"k\\\":1}\","
                                + "\"outputDetails\":{\"truncated\":false}}}"),
                Arguments.of(EventType.TaskFailed, new EventDetails.TaskFailed("sqs", "sendMessage", "E", "C"),
                        "{\"taskFailedEventDetails\":{\"resourceType\":\"sqs\",\"resource\":\"sendMessage\",\"error\":\"E\",\"cause\":\"C\"}}"),
                Arguments.of(EventType.LambdaFunctionScheduled, new EventDetails.LambdaFunctionScheduled("arn:fn", DATA, 5L),
                        "{\"lambdaFunctionScheduledEventDetails\":{\"resource\":\"arn:fn\",\"input\":\"{\\\"k\\\":1}\","
                                + "\"inputDetails\":{\"truncated\":false},\"timeoutInSeconds\":5}}"),
                Arguments.of(EventType.LambdaFunctionStarted, EventDetails.None.INSTANCE, "{}"),
                Arguments.of(EventType.LambdaFunctionSucceeded, new EventDetails.LambdaFunctionSucceeded(DATA),
                        "{\"lambdaFunctionSucceededEventDetails\":{\"output\":\"{\\\"k\\\":1}\",\"outputDetails\":{\"truncated\":false}}}"),
                Arguments.of(EventType.LambdaFunctionFailed, new EventDetails.LambdaFunctionFailed("E", "C"),
                        "{\"lambdaFunctionFailedEventDetails\":{\"error\":\"E\",\"cause\":\"C\"}}"),
                Arguments.of(EventType.ActivityScheduled, new EventDetails.ActivityScheduled("arn:act", DATA, null, 9L),
                        "{\"activityScheduledEventDetails\":{\"resource\":\"arn:act\",\"input\":\"{\\\"k\\\":1}\","
                                + "\"inputDetails\":{\"truncated\":false},\"heartbeatInSeconds\":9}}"),
                Arguments.of(EventType.ActivitySucceeded, new EventDetails.ActivitySucceeded(DATA),
                        "{\"activitySucceededEventDetails\":{\"output\":\"{\\\"k\\\":1}\",\"outputDetails\":{\"truncated\":false}}}"),
                Arguments.of(EventType.ActivityFailed, new EventDetails.ActivityFailed("E", null),
                        "{\"activityFailedEventDetails\":{\"error\":\"E\"}}"),
                Arguments.of(EventType.MapStateStarted, new EventDetails.MapStateStarted(3),
                        "{\"mapStateStartedEventDetails\":{\"length\":3}}"),
                Arguments.of(EventType.MapIterationStarted, new EventDetails.MapIteration("M", 2),
                        "{\"mapIterationStartedEventDetails\":{\"name\":\"M\",\"index\":2}}"),
                Arguments.of(EventType.MapIterationSucceeded, new EventDetails.MapIteration("M", 2),
                        "{\"mapIterationSucceededEventDetails\":{\"name\":\"M\",\"index\":2}}"),
                Arguments.of(EventType.MapIterationFailed, new EventDetails.MapIteration("M", 0),
                        "{\"mapIterationFailedEventDetails\":{\"name\":\"M\",\"index\":0}}"),
                Arguments.of(EventType.MapIterationAborted, new EventDetails.MapIteration("M", 1),
                        "{\"mapIterationAbortedEventDetails\":{\"name\":\"M\",\"index\":1}}"),
                Arguments.of(EventType.ParallelStateStarted, EventDetails.None.INSTANCE, "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void rendersTheDetailMemberAwsNames(EventType type, EventDetails details, String expectedDetails) {
        ObjectNode event = HistoryShapes.render(new StoredEvent(7, 6, Instant.parse("2024-01-01T00:00:01.250Z"),
                new HistoryEvent(type, details)), true);
        assertEquals(7, event.get("id").asLong());
        assertEquals(6, event.get("previousEventId").asLong());
        assertEquals("1704067201.250", event.get("timestamp").decimalValue().toPlainString());
        assertEquals(type.name(), event.get("type").asText());
        ObjectNode rest = event.deepCopy();
        rest.remove(java.util.List.of("id", "previousEventId", "timestamp", "type"));
        assertTrue(Json.sameValue(Json.parse(expectedDetails), rest), () -> expectedDetails + " but was " + rest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void withoutExecutionDataNoPayloadIsShown(EventType type, EventDetails details, String ignored) {
        String rendered = Json.write(HistoryShapes.render(new StoredEvent(1, 0, Instant.EPOCH, new HistoryEvent(type, details)), false));
        assertFalse(rendered.contains("\\\"k\\\""), rendered);
    }
}
