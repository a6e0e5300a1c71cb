package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds the context object ($$) a state sees, as the AWS developer guide lays it out. */
final class ContextObject {
    /** AWS prints context and history times in ISO 8601 UTC with milliseconds. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ContextObject() {
    }

    static ObjectNode of(ExecutionInfo execution, String stateName, Instant enteredTime, Integer retryCount) {
        ObjectNode context = Json.object();
        ObjectNode exec = context.putObject("Execution");
        exec.put("Id", execution.executionArn());
        exec.set("Input", execution.input());
        exec.put("Name", execution.name());
        exec.put("RoleArn", execution.roleArn());
        exec.put("StartTime", TIME.format(execution.startTime()));
        exec.put("RedriveCount", execution.redriveCount());
        if (execution.redriveTime() != null) {
            exec.put("RedriveTime", TIME.format(execution.redriveTime()));
        }
        ObjectNode state = context.putObject("State");
        state.put("EnteredTime", TIME.format(enteredTime));
        state.put("Name", stateName);
        if (retryCount != null) {
            state.put("RetryCount", retryCount);
        }
        ObjectNode machine = context.putObject("StateMachine");
        machine.put("Id", execution.stateMachineArn());
        machine.put("Name", execution.stateMachineName());
        return context;
    }

    /** The context a Map state's ItemSelector sees for one item: adds Map.Item.Index and Value. */
    static JsonNode withMapItem(ObjectNode context, int index, JsonNode value) {
        // Shallow: the other members (Execution.Input can be large) are shared, never changed.
        ObjectNode copy = Json.object();
        copy.setAll(context);
        ObjectNode item = copy.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        return copy;
    }
}
