package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

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

    /**
     * A state machine's description for includedData METADATA_ONLY: "If called with includedData
     * = METADATA_ONLY, the returned definition will be {}" (API reference, DescribeStateMachine).
     */
    static ObjectNode withoutDefinition(ObjectNode description) {
        return description.put(DEFINITION, "{}");
    }

    /** DescribeStateMachine's members (also used for a version, whose ARN is the version ARN). */
    public static ObjectNode describeStateMachine(StateMachineRecord machine, String arn) {
        ObjectNode out = Json.object();
        out.put(STATE_MACHINE_ARN, arn);
        out.put(NAME, machine.name());
        out.put(STATUS, "ACTIVE");
        out.put(DEFINITION, machine.definition());
        out.put(ROLE_ARN, machine.roleArn());
        out.put(TYPE, machine.type());
        putTimestamp(out, CREATION_DATE, machine.creationDate());
        out.set(LOGGING_CONFIGURATION, machine.loggingConfiguration());
        out.set(TRACING_CONFIGURATION, machine.tracingConfiguration());
        putIfSet(out, REVISION_ID, machine.revisionId());
        putIfSet(out, DESCRIPTION, machine.description());
        return out;
    }

    /** An execution as ListExecutions shows it. */
    public static ObjectNode executionListItem(ExecutionRecord execution) {
        ObjectNode out = Json.object();
        out.put(EXECUTION_ARN, execution.executionArn());
        out.put(STATE_MACHINE_ARN, execution.stateMachineArn());
        out.put(NAME, execution.name());
        out.put(STATUS, execution.status().name());
        putTimestamp(out, START_DATE, execution.startDate());
        putTimestamp(out, STOP_DATE, execution.stopDate());
        putIfSet(out, STATE_MACHINE_VERSION_ARN, execution.stateMachineVersionArn());
        putIfSet(out, STATE_MACHINE_ALIAS_ARN, execution.stateMachineAliasArn());
        out.put("redriveCount", execution.redriveCount());
        putTimestamp(out, "redriveDate", execution.redriveDate());
        if (execution.mapRunArn() != null) {
            // A Map Run's child: one item (or one batch) per child execution.
            out.put("mapRunArn", execution.mapRunArn());
            out.put("itemCount", 1);
        }
        return out;
    }
}
