package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What run shows on stderr: the trace, the progress line at most once a second, the summary. */
class RunTraceTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now;
    private long id;

    private ObjectNode event(String type, String detailsField, String... fields) {
        ObjectNode event = Json.object().put("id", ++id).put("previousEventId", id - 1).put("type", type)
                .put("timestamp", "2026-12-04T10:00:00Z");
        ObjectNode details = event.putObject(detailsField);
        for (int i = 0; i < fields.length; i += 2) {
            details.put(fields[i], fields[i + 1]);
        }
        return event;
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theFirstStatesAreListedThenProgressComesAtMostOnceASecond() {
        RunTrace trace = new RunTrace(err, false, () -> now);
        for (int i = 0; i < 1000; i++) {
            trace.event(event("PassStateEntered", "stateEnteredEventDetails", "name", "Step"));
            now += 10_000_000L; // 10 ms a state: 10 s in all
        }
        trace.summary("SUCCEEDED");
        List<String> lines = lines();
        assertEquals("[1] PassStateEntered Step", lines.get(0));
        assertEquals("[200] PassStateEntered Step", lines.stream().filter(l -> l.startsWith("[")).reduce((a, b) -> b).orElseThrow());
        // Once the trace has stopped listing states (after 2 s here), a progress line each second.
        List<String> progress = lines.stream().filter(l -> l.startsWith("progress: ")).toList();
        assertEquals(8, progress.size(), lines.toString());
        assertEquals("progress: 201 states, 101 states/s, 2 s", progress.get(0));
        assertEquals("progress: 901 states, 100 states/s, 9 s", progress.get(7));
        assertEquals("execution SUCCEEDED after 1000 states in 10.00 s, 100 states/s", lines.get(lines.size() - 1));
    }

    @Test
    void onATerminalTheProgressLineIsRedrawnInPlaceAndClearedForTheSummary() {
        RunTrace trace = new RunTrace(err, true, () -> now);
        trace.event(event("MapStateStarted", "mapStateStartedEventDetails", "length", "400"));
        for (int i = 0; i < 250; i++) {
            trace.event(event("PassStateEntered", "stateEnteredEventDetails", "name", "Item"));
            trace.event(event("MapIterationSucceeded", "mapIterationSucceededEventDetails", "name", "M"));
        }
        now += 1_500_000_000L;
        trace.event(event("MapIterationSucceeded", "mapIterationSucceededEventDetails", "name", "M"));
        trace.summary("SUCCEEDED");
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\rprogress: 250 states, 167 states/s, Map items 251/400, 2 s\033[K"), text);
        assertTrue(text.endsWith("\r\033[Kexecution SUCCEEDED after 250 states in 1.50 s, 167 states/s, Map items 251/400"
                + System.lineSeparator()), text);
    }

    @Test
    void failuresAndTheRetriesAfterThemAreInTheTrace() {
        RunTrace trace = new RunTrace(err, false, () -> now);
        trace.event(event("TaskStateEntered", "stateEnteredEventDetails", "name", "Call"));
        trace.event(event("TaskScheduled", "taskScheduledEventDetails", "resource", "invoke"));
        trace.event(event("TaskFailed", "taskFailedEventDetails", "error", "Lambda.TimeoutException", "cause", "Lambda\ntimed out."));
        ObjectNode retry = event("TaskScheduled", "taskScheduledEventDetails", "resource", "invoke");
        retry.put("timestamp", "2026-12-04T10:00:02Z");
        trace.event(retry);
        trace.event(event("TaskSucceeded", "taskSucceededEventDetails", "output", "{}"));
        assertEquals(List.of("[1] TaskStateEntered Call", "    TaskFailed Lambda.TimeoutException: Lambda timed out.",
                "    retry after 2 s: TaskScheduled"), lines());
    }
}
