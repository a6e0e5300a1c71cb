package dev.stepwise.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EMF documents, checked against the structure the CloudWatch embedded metric format
 * specification requires: a root "_aws" with Timestamp (epoch milliseconds) and CloudWatchMetrics
 * (Namespace, Dimensions as an array of dimension sets, Metrics with Name and Unit), and every
 * metric's value as a root member; at most 100 values per metric.
 */
class EmfMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

    @Test
    void anInvocationsCountsAndLatenciesBecomeOneDocument() {
        EmfMetrics metrics = new EmfMetrics();
        metrics.transitions(3);
        metrics.executionEnded(ExecutionStatus.SUCCEEDED);
        metrics.executionEnded(ExecutionStatus.TIMED_OUT);
        metrics.executionEnded(ExecutionStatus.RUNNING);
        metrics.stepLatency(12);
        metrics.stepLatency(40);

        List<ObjectNode> documents = metrics.drain(NOW);
        assertEquals(1, documents.size());
        JsonNode document = documents.get(0);
        JsonNode directive = document.get("_aws").get("CloudWatchMetrics").get(0);
        // date -ud 2026-11-25T18:00:00Z +%s → 1795629600 (seconds)
        assertEquals(1795629600000L, document.get("_aws").get("Timestamp").asLong());
        assertEquals("Stepwise", directive.get("Namespace").asText());
        assertEquals(Json.parse("[[]]"), directive.get("Dimensions"));
        assertEquals(Json.parse("""
                [{"Name": "Transitions", "Unit": "Count"}, {"Name": "ExecutionsSucceeded", "Unit": "Count"},
                 {"Name": "ExecutionsFailed", "Unit": "Count"}, {"Name": "ExecutionsTimedOut", "Unit": "Count"},
                 {"Name": "ExecutionsAborted", "Unit": "Count"}, {"Name": "StepLatency", "Unit": "Milliseconds"}]"""),
                directive.get("Metrics"));
        assertEquals(3, document.get("Transitions").asLong());
        assertEquals(1, document.get("ExecutionsSucceeded").asLong());
        assertEquals(0, document.get("ExecutionsFailed").asLong());
        assertEquals(1, document.get("ExecutionsTimedOut").asLong());
        assertEquals(0, document.get("ExecutionsAborted").asLong());
        assertEquals("[12,40]", Json.write(document.get("StepLatency")));
        // Every member the directive names is on the root, as the specification requires.
        directive.get("Metrics").forEach(m -> assertTrue(document.has(m.get("Name").asText()), m.toString()));
    }

    @Test
    void drainingStartsAfreshAndNothingCountedWritesNothing() {
        EmfMetrics metrics = new EmfMetrics();
        metrics.transitions(1);
        assertEquals(1, metrics.drain(NOW).size());
        assertEquals(List.of(), metrics.drain(NOW));
    }

    @Test
    void moreThanAHundredLatenciesAreSplitAcrossDocuments() {
        EmfMetrics metrics = new EmfMetrics();
        for (int i = 0; i < 250; i++) {
            metrics.stepLatency(i);
        }
        List<ObjectNode> documents = metrics.drain(NOW);
        assertEquals(3, documents.size());
        assertEquals(100, documents.get(0).get("StepLatency").size());
        assertEquals(100, documents.get(1).get("StepLatency").size());
        assertEquals(50, documents.get(2).get("StepLatency").size());
        assertTrue(documents.get(0).has("Transitions"));
        assertTrue(!documents.get(1).has("Transitions"));
    }
}
