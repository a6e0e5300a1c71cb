package dev.stepwise.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.Step;
import dev.stepwise.runtime.StepListener;
import java.util.Optional;
import org.jboss.logging.MDC;

/**
 * What the functions tell about executions as they run: the state a step runs in the log
 * context ({@value #STATE_NAME}; the step worker puts {@value #EXECUTION_ARN}), transitions and
 * execution outcomes in the EMF metrics, and status changes to EventBridge when a bus is set.
 */
public final class ExecutionObserver implements StepListener {
    public static final String EXECUTION_ARN = "executionArn";
    public static final String STATE_NAME = "stateName";

    private final EmfMetrics metrics;
    private final Optional<ExecutionStatusEvents> events;

    public ExecutionObserver(EmfMetrics metrics, Optional<ExecutionStatusEvents> events) {
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public void stepStarting(String executionArn, Step step) {
        MDC.put(EXECUTION_ARN, executionArn);
        MDC.put(STATE_NAME, stateName(step));
    }

    @Override
    public void committed(String executionArn, ArrayNode chunk) {
        int entered = 0;
        for (JsonNode event : chunk) {
            String type = event.path("type").asText();
            if (type.endsWith("StateEntered")) {
                entered++;
            }
            ExecutionStatus status = ExecutionStatusEvents.statusOf(type);
            if (status != null) {
                if (status.isTerminal()) {
                    metrics.executionEnded(status);
                }
                events.ifPresent(e -> e.changed(executionArn, event));
            }
        }
        metrics.transitions(entered);
    }

    /** The state whose work a step does: a branch's first step runs inside its Parallel or Map state. */
    static String stateName(Step step) {
        if (step instanceof Step.Enter enter) {
            return enter.stateName();
        }
        if (step instanceof Step.Resume resume) {
            return resume.visit().stateName();
        }
        if (step instanceof Step.StartBranch branch && !branch.frame().isRoot()) {
            return branch.frame().last().stateName();
        }
        return "";
    }
}
