package dev.stepwise.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts what the step worker did during one invocation and writes it as CloudWatch embedded
 * metric format (EMF) documents: CloudWatch Logs turns such a log line into metrics, with no
 * PutMetricData call and no permission beyond writing logs. Namespace {@value #NAMESPACE}, no
 * dimensions: Transitions (states entered, what Step Functions Standard bills),
 * ExecutionsSucceeded/Failed/TimedOut/Aborted, and StepLatency (milliseconds per step message).
 */
public final class EmfMetrics {
    public static final String NAMESPACE = "Stepwise";
    /** EMF takes at most 100 values for one metric in one document. */
    static final int MAX_VALUES = 100;

    private long transitions;
    private long succeeded;
    private long failed;
    private long timedOut;
    private long aborted;
    private final List<Long> latencies = new ArrayList<>();

    public synchronized void transitions(int count) {
        transitions += count;
    }

    public synchronized void executionEnded(ExecutionStatus status) {
        switch (status) {
            case SUCCEEDED -> succeeded++;
            case FAILED -> failed++;
            case TIMED_OUT -> timedOut++;
            case ABORTED -> aborted++;
            default -> {
            }
        }
    }

    public synchronized void stepLatency(long millis) {
        latencies.add(millis);
    }

    /** The documents of what was counted since the last drain (none when nothing was), and a fresh start. */
    public synchronized List<ObjectNode> drain(Instant now) {
        List<ObjectNode> documents = new ArrayList<>();
        boolean counted = transitions + succeeded + failed + timedOut + aborted > 0;
        if (!counted && latencies.isEmpty()) {
            return documents;
        }
        int from = 0;
        do {
            List<Long> values = latencies.subList(from, Math.min(from + MAX_VALUES, latencies.size()));
            documents.add(document(now, from == 0, values));
            from += MAX_VALUES;
        } while (from < latencies.size());
        transitions = succeeded = failed = timedOut = aborted = 0;
        latencies.clear();
        return documents;
    }

    private ObjectNode document(Instant now, boolean withCounts, List<Long> values) {
        ObjectNode root = Json.object();
        ObjectNode directive = root.putObject("_aws").put("Timestamp", now.toEpochMilli())
                .putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray(); // one empty dimension set: metrics without dimensions
        ArrayNode metrics = directive.putArray("Metrics");
        if (withCounts) {
            count(root, metrics, "Transitions", transitions);
            count(root, metrics, "ExecutionsSucceeded", succeeded);
            count(root, metrics, "ExecutionsFailed", failed);
            count(root, metrics, "ExecutionsTimedOut", timedOut);
            count(root, metrics, "ExecutionsAborted", aborted);
        }
        if (!values.isEmpty()) {
            metrics.addObject().put("Name", "StepLatency").put("Unit", "Milliseconds");
            ArrayNode array = root.putArray("StepLatency");
            values.forEach(array::add);
        }
        return root;
    }

    private static void count(ObjectNode root, ArrayNode metrics, String name, long value) {
        metrics.addObject().put("Name", name).put("Unit", "Count");
        root.put(name, value);
    }
}
