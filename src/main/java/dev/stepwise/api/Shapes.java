package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.ExecutionRecord;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.asl.Json;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Response shapes shared by several actions, with the member names of the API reference.
 * Timestamps are epoch seconds with a fraction, the form AWS JSON 1.0 clients read.
 */
public final class Shapes {
    private Shapes() {
    }

    public static BigDecimal timestamp(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    public static void putTimestamp(ObjectNode node, String field, Instant instant) {
        if (instant != null) {
            node.put(field, timestamp(instant));
        }
    }

    public static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** AWS's answer when a machine was created without loggingConfiguration: level OFF. */
    public static JsonNode defaultLogging() {
        return Json.object().put("level", "OFF").put("includeExecutionData", false);
    }

    public static JsonNode defaultTracing() {
        return Json.object().put("enabled", false);
    }

    /** DescribeStateMachine's members (also used for a version, whose ARN is the version ARN). */
    public static ObjectNode describeStateMachine(StateMachineRecord machine, String arn) {
        ObjectNode out = Json.object();
        out.put("stateMachineArn", arn);
        out.put("name", machine.name());
        out.put("status", "ACTIVE");
        out.put("definition", machine.definition());
        out.put("roleArn", machine.roleArn());
        out.put("type", machine.type());
        putTimestamp(out, "creationDate", machine.creationDate());
        out.set("loggingConfiguration", machine.loggingConfiguration());
        out.set("tracingConfiguration", machine.tracingConfiguration());
        putIfSet(out, "revisionId", machine.revisionId());
        putIfSet(out, "description", machine.description());
        return out;
    }

    /** An execution as ListExecutions shows it. */
    public static ObjectNode executionListItem(ExecutionRecord execution) {
        ObjectNode out = Json.object();
        out.put("executionArn", execution.executionArn());
        out.put("stateMachineArn", execution.stateMachineArn());
        out.put("name", execution.name());
        out.put("status", execution.status().name());
        putTimestamp(out, "startDate", execution.startDate());
        putTimestamp(out, "stopDate", execution.stopDate());
        putIfSet(out, "stateMachineVersionArn", execution.stateMachineVersionArn());
        putIfSet(out, "stateMachineAliasArn", execution.stateMachineAliasArn());
        out.put("redriveCount", 0);
        return out;
    }
}
