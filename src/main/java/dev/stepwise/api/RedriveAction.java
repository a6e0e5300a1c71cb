package dev.stepwise.api;

import static dev.stepwise.api.Members.EXECUTION_ARN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.ExecutionPort;
import dev.stepwise.api.port.ExecutionRecord;
import dev.stepwise.asl.Json;
import dev.stepwise.runtime.Redrive;

/**
 * RedriveExecution, and the redrive members DescribeExecution shows. The port redrives; this
 * validates the request and maps the outcome to AWS's errors (ExecutionDoesNotExist,
 * ExecutionNotRedrivable).
 */
final class RedriveAction implements Action {
    private final ApiContext context;

    RedriveAction(ApiContext context) {
        this.context = context;
    }

    @Override
    public JsonNode handle(Request request) {
        String arn = request.string(EXECUTION_ARN, 1, 2048, true);
        String clientToken = request.string("clientToken", 1, 64, false);
        context.arns().parse(arn, Arns.EXECUTION);
        ExecutionRecord redriven;
        try {
            redriven = context.executions().redrive(arn, clientToken)
                    .orElseThrow(() -> ApiException.executionDoesNotExist(arn));
        } catch (ExecutionPort.NotRedrivable e) {
            throw new ApiException("ExecutionNotRedrivable", e.getMessage());
        }
        ObjectNode out = Json.object();
        Shapes.putTimestamp(out, "redriveDate", redriven.redriveDate());
        return out;
    }

    /**
     * redriveCount, redriveDate and, for a Standard execution, redriveStatus with its reason when
     * it is NOT_REDRIVABLE (the API reference lists the reasons; the RUNNING/SUCCEEDED wording
     * was recorded on AWS without a final period).
     */
    static void describe(ObjectNode out, ExecutionRecord execution, boolean portRedrives, java.time.Instant now) {
        out.put("redriveCount", execution.redriveCount());
        Shapes.putTimestamp(out, "redriveDate", execution.redriveDate());
        if ("EXPRESS".equals(execution.stateMachineType())) {
            return;
        }
        String reason = Redrive.notRedrivableReason(execution.status(), execution.startDate(), execution.stopDate(), now);
        if (reason == null && !portRedrives) {
            reason = "RedriveExecution is not supported by the in-memory backend";
        }
        if (reason == null) {
            out.put("redriveStatus", "REDRIVABLE");
        } else {
            out.put("redriveStatus", "NOT_REDRIVABLE");
            out.put("redriveStatusReason", reason);
        }
    }

    static boolean matches(String redriveFilter, ExecutionRecord execution) {
        return redriveFilter == null || (redriveFilter.equals("REDRIVEN") == (execution.redriveCount() > 0));
    }
}
