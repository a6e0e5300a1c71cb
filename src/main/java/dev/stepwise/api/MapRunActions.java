package dev.stepwise.api;

import static dev.stepwise.api.Members.EXECUTION_ARN;
import static dev.stepwise.api.Members.NEXT_TOKEN;
import static dev.stepwise.api.Members.START_DATE;
import static dev.stepwise.api.Members.STATE_MACHINE_ARN;
import static dev.stepwise.api.Members.STATUS;
import static dev.stepwise.api.Members.STOP_DATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.MapRunRecord;
import dev.stepwise.asl.Json;
import java.util.List;

/**
 * DescribeMapRun, ListMapRuns and UpdateMapRun: the Map Runs a Distributed Map starts, one per
 * run of the state, whose items run as child executions (ListExecutions with mapRunArn).
 */
final class MapRunActions {
    static final String MAP_RUN = "mapRun";
    private static final String MAP_RUN_ARN = "mapRunArn";
    /** LongArn: "Length Constraints: Minimum length of 1. Maximum length of 2000." */
    private static final int LONG_ARN = 2000;

    private final ApiContext context;

    MapRunActions(ApiContext context) {
        this.context = context;
    }

    JsonNode describe(Request request) {
        MapRunRecord run = find(request);
        ObjectNode out = Json.object();
        out.put(MAP_RUN_ARN, run.mapRunArn());
        out.put(EXECUTION_ARN, run.executionArn());
        out.put(STATUS, run.status());
        Shapes.putTimestamp(out, START_DATE, run.startDate());
        Shapes.putTimestamp(out, STOP_DATE, run.stopDate());
        out.put("maxConcurrency", run.maxConcurrency());
        out.put("toleratedFailurePercentage", (float) run.toleratedFailurePercentage());
        out.put("toleratedFailureCount", run.toleratedFailureCount());
        out.set("itemCounts", counts(run.items()));
        out.set("executionCounts", counts(run.executions()));
        out.put("redriveCount", run.redriveCount());
        Shapes.putTimestamp(out, "redriveDate", run.redriveDate());
        return out;
    }

    /** The execution's Map Runs in the order they started, paged by position with a sealed token. */
    JsonNode list(Request request) {
        String executionArn = request.string(EXECUTION_ARN, 1, 256, true);
        int limit = request.maxResults(100);
        String token = request.string(NEXT_TOKEN, 1, 3096, false);
        context.arns().parse(executionArn, Arns.EXECUTION);
        context.executions().find(executionArn).orElseThrow(() -> ApiException.executionDoesNotExist(executionArn));
        String scope = "ListMapRuns|" + executionArn;
        String position = context.tokens().open(scope, token);
        int from = position == null ? 0 : Integer.parseInt(position);
        List<MapRunRecord> runs = context.executions().mapRuns(executionArn);
        ArrayNode items = Json.NODES.arrayNode();
        for (MapRunRecord run : runs.subList(Math.min(from, runs.size()), Math.min(from + limit, runs.size()))) {
            ObjectNode item = items.addObject();
            item.put(EXECUTION_ARN, run.executionArn());
            item.put(MAP_RUN_ARN, run.mapRunArn());
            item.put(STATE_MACHINE_ARN, run.stateMachineArn());
            Shapes.putTimestamp(item, START_DATE, run.startDate());
            Shapes.putTimestamp(item, STOP_DATE, run.stopDate());
        }
        ObjectNode out = Json.object();
        out.set("mapRuns", items);
        String next = from + limit < runs.size() ? Integer.toString(from + limit) : null;
        Shapes.putIfSet(out, NEXT_TOKEN, context.tokens().seal(scope, next));
        return out;
    }

    JsonNode update(Request request) {
        String arn = mapRunArn(request);
        Integer maxConcurrency = request.integer("maxConcurrency");
        if (maxConcurrency != null && maxConcurrency < 0) {
            throw ApiException.validation(maxConcurrency, "maxConcurrency", "Member must have value greater than or equal to 0");
        }
        Long count = toleratedFailureCount(request);
        Double percentage = toleratedFailurePercentage(request);
        context.executions().updateMapRun(arn, maxConcurrency, count, percentage)
                .orElseThrow(ApiException::resourceNotFound);
        return Json.object();
    }

    private MapRunRecord find(Request request) {
        String arn = mapRunArn(request);
        return context.executions().mapRun(arn).orElseThrow(ApiException::resourceNotFound);
    }

    private String mapRunArn(Request request) {
        String arn = request.string(MAP_RUN_ARN, 1, LONG_ARN, true);
        context.arns().parse(arn, MAP_RUN);
        return arn;
    }

    private static Long toleratedFailureCount(Request request) {
        JsonNode value = request.body().get("toleratedFailureCount");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.serialization("Unexpected value type in payload for member 'toleratedFailureCount': expected LONG_VALUE");
        }
        if (value.asLong() < 0) {
            throw ApiException.validation(value.asLong(), "toleratedFailureCount", "Member must have value greater than or equal to 0");
        }
        return value.asLong();
    }

    private static Double toleratedFailurePercentage(Request request) {
        JsonNode value = request.body().get("toleratedFailurePercentage");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ApiException.serialization("Unexpected value type in payload for member 'toleratedFailurePercentage': expected FLOAT_VALUE");
        }
        float percentage = value.floatValue();
        if (percentage < 0) {
            throw ApiException.validation(percentage, "toleratedFailurePercentage", "Member must have value greater than or equal to 0");
        }
        if (percentage > 100) {
            throw ApiException.validation(percentage, "toleratedFailurePercentage", "Member must have value less than or equal to 100");
        }
        return (double) percentage;
    }

    private static ObjectNode counts(MapRunRecord.Counts c) {
        return Json.object().put("pending", c.pending()).put("running", c.running()).put("succeeded", c.succeeded())
                .put("failed", c.failed()).put("timedOut", c.timedOut()).put("aborted", c.aborted()).put("total", c.total())
                .put("resultsWritten", c.resultsWritten()).put("failuresNotRedrivable", 0).put("pendingRedrive", 0);
    }
}
