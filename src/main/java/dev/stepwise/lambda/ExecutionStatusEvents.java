package dev.stepwise.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.Store;
import dev.stepwise.store.Loaded;
import dev.stepwise.store.StepKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Sends an event shaped like AWS Step Functions' "Step Functions Execution Status Change" to an
 * EventBridge bus on every status change of an execution (RUNNING, then its end), so rules
 * written for Step Functions match with only the source changed: PutEvents refuses sources that
 * begin with "aws.", so the source is {@value #SOURCE}. The detail has the members of AWS's
 * documented examples; as AWS does, the input is left out when input and output together pass
 * 248 KB escaped, and the output too when it alone does (inputDetails/outputDetails say so).
 * Delivery is best effort, as on AWS: a failed PutEvents is logged and never fails the step.
 */
public final class ExecutionStatusEvents {
    public static final String DETAIL_TYPE = "Step Functions Execution Status Change";
    public static final String SOURCE = "stepwise.states";
    /** AWS's limit for the escaped input and output in one event (the developer guide, EventBridge payloads). */
    static final int PAYLOAD_LIMIT = 248 * 1024;
    private static final Logger LOG = Logger.getLogger(ExecutionStatusEvents.class);
    private static final Map<String, ExecutionStatus> STATUS_OF = Map.of(
            "ExecutionStarted", ExecutionStatus.RUNNING,
            "ExecutionSucceeded", ExecutionStatus.SUCCEEDED,
            "ExecutionFailed", ExecutionStatus.FAILED,
            "ExecutionTimedOut", ExecutionStatus.TIMED_OUT,
            "ExecutionAborted", ExecutionStatus.ABORTED);

    private final EventBridgeClient events;
    private final String busName;
    private final Store store;

    public ExecutionStatusEvents(EventBridgeClient events, String busName, Store store) {
        this.events = events;
        this.busName = busName;
        this.store = store;
    }

    /** The execution status a history event type starts or ends in, or null for other events. */
    public static ExecutionStatus statusOf(String eventType) {
        return STATUS_OF.get(eventType);
    }

    /** Sends the status change a committed Execution* history event records. */
    public void changed(String executionArn, JsonNode event) {
        ExecutionStatus status = statusOf(event.path("type").asText());
        if (status == null) {
            return;
        }
        try {
            Loaded loaded = store.steps().load(executionArn, StepKeys.step("", 0), List.of(), true);
            ExecutionHeader header = loaded.header();
            if (header == null) {
                return;
            }
            Instant at = Instant.parse(event.get("timestamp").asText());
            ObjectNode detail = detail(header, loaded.input(), status, event, at);
            PutEventsResponse response = events.putEvents(b -> b.entries(e -> e.eventBusName(busName).source(SOURCE)
                    .detailType(DETAIL_TYPE).resources(executionArn).time(at).detail(Json.write(detail))));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                LOG.warnf("EventBridge refused the %s event of %s: %s", status, executionArn,
                        response.entries().get(0).errorMessage());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not send the %s event of %s to EventBridge", status, executionArn);
        }
    }

    static ObjectNode detail(ExecutionHeader header, JsonNode input, ExecutionStatus status, JsonNode event, Instant at) {
        JsonNode details = event.path(lowerFirst(event.path("type").asText()) + "EventDetails");
        String inputText = input == null ? null : Json.write(input);
        String output = status == ExecutionStatus.SUCCEEDED && details.hasNonNull("output") ? details.get("output").asText() : null;
        boolean outputFits = output == null || escaped(output) <= PAYLOAD_LIMIT;
        boolean inputFits = inputText != null && escaped(inputText) + (outputFits && output != null ? escaped(output) : 0) <= PAYLOAD_LIMIT;

        ObjectNode detail = Json.object();
        detail.put("executionArn", header.executionArn());
        detail.put("stateMachineArn", header.stateMachineArn());
        detail.put("name", header.name());
        detail.put("status", status.name());
        detail.put("startDate", header.startDate().toEpochMilli());
        if (status == ExecutionStatus.RUNNING) {
            detail.putNull("stopDate");
        } else {
            detail.put("stopDate", at.toEpochMilli());
        }
        if (inputFits) {
            detail.put("input", inputText);
        } else {
            detail.putNull("input");
        }
        detail.putObject("inputDetails").put("included", inputFits);
        if (output == null) {
            detail.putNull("output");
            detail.putNull("outputDetails");
        } else {
            if (outputFits) {
                detail.put("output", output);
            } else {
                detail.putNull("output");
            }
            detail.putObject("outputDetails").put("included", outputFits);
        }
        putOrNull(detail, "error", details.path("error"));
        putOrNull(detail, "cause", details.path("cause"));
        return detail;
    }

    private static void putOrNull(ObjectNode detail, String field, JsonNode value) {
        if (value.isTextual()) {
            detail.put(field, value.asText());
        } else {
            detail.putNull(field);
        }
    }

    /** Bytes of the text as a JSON string: what it takes inside the event's detail. */
    private static int escaped(String text) {
        return Json.write(TextNode.valueOf(text)).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String lowerFirst(String type) {
        return type.isEmpty() ? type : Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }
}
