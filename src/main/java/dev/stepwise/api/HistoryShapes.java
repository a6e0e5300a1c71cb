package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;

/**
 * A stored history event in the shape of GetExecutionHistory's HistoryEvent: id,
 * previousEventId, timestamp, type and the detail member AWS names for the type. Payloads
 * (input, output, parameters) are JSON strings with an {@code inputDetails}/{@code outputDetails}
 * {truncated} beside them; with includeExecutionData false they are left out.
 */
public final class HistoryShapes {
    private HistoryShapes() {
    }

    public static ObjectNode render(StoredEvent stored, boolean includeData) {
        ObjectNode out = Json.object();
        out.put("id", stored.id());
        out.put("previousEventId", stored.previousEventId());
        out.put("timestamp", Shapes.timestamp(stored.timestamp()));
        EventType type = stored.event().type();
        out.put(TYPE, type.name());
        ObjectNode details = details(stored.event().details(), includeData);
        if (details != null) {
            out.set(fieldOf(type, stored.event().details()), details);
        }
        return out;
    }

    /**
     * The member holding the details. Map iteration events share one record but AWS names the
     * member after the type (mapIterationStartedEventDetails, ...); ExecutionAborted carries an
     * error and cause like ExecutionFailed, under executionAbortedEventDetails.
     */
    static String fieldOf(EventType type, EventDetails details) {
        if (details.awsField() == null || type == EventType.ExecutionAborted) {
            String name = type.name();
            return Character.toLowerCase(name.charAt(0)) + name.substring(1) + "EventDetails";
        }
        return details.awsField();
    }

    private static ObjectNode details(EventDetails details, boolean data) {
        ObjectNode out = Json.object();
        if (details instanceof EventDetails.None) {
            return null;
        } else if (details instanceof EventDetails.ExecutionStarted d) {
            payload(out, INPUT, d.input(), data);
            Shapes.putIfSet(out, ROLE_ARN, d.roleArn());
        } else if (details instanceof EventDetails.ExecutionSucceeded d) {
            payload(out, OUTPUT, d.output(), data);
        } else if (details instanceof EventDetails.ExecutionFailed d) {
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.ExecutionAborted d) {
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.ExecutionTimedOut d) {
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.ExecutionRedriven d) {
            out.put("redriveCount", d.redriveCount());
        } else if (details instanceof EventDetails.StateEntered d) {
            out.put(NAME, d.name());
            payload(out, INPUT, d.input(), data);
        } else if (details instanceof EventDetails.StateExited d) {
            out.put(NAME, d.name());
            payload(out, OUTPUT, d.output(), data);
            if (d.assignedVariables() != null && data) {
                // "assignedVariables: Map of variable name and value as a serialized JSON representation."
                ObjectNode assigned = out.putObject("assignedVariables");
                d.assignedVariables().fields().forEachRemaining(v -> assigned.put(v.getKey(), Json.write(v.getValue())));
                out.putObject("assignedVariablesDetails").put("truncated", false);
            }
        } else if (details instanceof EventDetails.TaskScheduled d) {
            out.put("resourceType", d.resourceType());
            out.put("resource", d.resource());
            out.put("region", d.region());
            if (data) {
                out.put("parameters", Json.write(d.parameters()));
            }
            if (d.timeoutInSeconds() != null) {
                out.put("timeoutInSeconds", d.timeoutInSeconds());
            }
            if (d.heartbeatInSeconds() != null) {
                out.put("heartbeatInSeconds", d.heartbeatInSeconds());
            }
        } else if (details instanceof EventDetails.TaskStarted d) {
            out.put("resourceType", d.resourceType());
            out.put("resource", d.resource());
        } else if (details instanceof EventDetails.TaskSucceeded d) {
            out.put("resourceType", d.resourceType());
            out.put("resource", d.resource());
            payload(out, OUTPUT, d.output(), data);
        } else if (details instanceof EventDetails.TaskFailed d) {
            out.put("resourceType", d.resourceType());
            out.put("resource", d.resource());
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.TaskSubmitted d) {
            out.put("resourceType", d.resourceType());
            out.put("resource", d.resource());
            payload(out, OUTPUT, d.output(), data);
        } else if (details instanceof EventDetails.TaskTimedOut d) {
            out.put("resourceType", d.resourceType());
            out.put("resource", d.resource());
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.LambdaFunctionTimedOut d) {
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.ActivityStarted d) {
            Shapes.putIfSet(out, "workerName", d.workerName());
        } else if (details instanceof EventDetails.ActivityTimedOut d) {
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.LambdaFunctionScheduled d) {
            out.put("resource", d.resource());
            payload(out, INPUT, d.input(), data);
            if (d.timeoutInSeconds() != null) {
                out.put("timeoutInSeconds", d.timeoutInSeconds());
            }
        } else if (details instanceof EventDetails.LambdaFunctionSucceeded d) {
            payload(out, OUTPUT, d.output(), data);
        } else if (details instanceof EventDetails.LambdaFunctionFailed d) {
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.ActivityScheduled d) {
            out.put("resource", d.resource());
            payload(out, INPUT, d.input(), data);
            if (d.timeoutInSeconds() != null) {
                out.put("timeoutInSeconds", d.timeoutInSeconds());
            }
            if (d.heartbeatInSeconds() != null) {
                out.put("heartbeatInSeconds", d.heartbeatInSeconds());
            }
        } else if (details instanceof EventDetails.ActivitySucceeded d) {
            payload(out, OUTPUT, d.output(), data);
        } else if (details instanceof EventDetails.ActivityFailed d) {
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.MapStateStarted d) {
            out.put("length", d.length());
        } else if (details instanceof EventDetails.MapIteration d) {
            out.put(NAME, d.name());
            out.put("index", d.index());
        } else if (details instanceof EventDetails.MapRunStarted d) {
            out.put("mapRunArn", d.mapRunArn());
        } else if (details instanceof EventDetails.MapRunFailed d) {
            errorAndCause(out, d.error(), d.cause());
        } else if (details instanceof EventDetails.MapRunRedriven d) {
            out.put("mapRunArn", d.mapRunArn());
            out.put("redriveCount", d.redriveCount());
        }
        return out;
    }

    private static void payload(ObjectNode out, String field, JsonNode value, boolean data) {
        if (!data || value == null) {
            return;
        }
        out.put(field, Json.write(value));
        out.set(field + "Details", Json.object().put(TRUNCATED, false));
    }

    private static void errorAndCause(ObjectNode out, String error, String cause) {
        Shapes.putIfSet(out, ERROR, error);
        Shapes.putIfSet(out, CAUSE, cause);
    }
}
