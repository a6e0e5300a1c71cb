package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What {@code ./stepwise run} shows on stderr while an execution runs, from its history events
 * (GetExecutionHistory's shape): each state entered, each error a state met (a Task's failure,
 * mocked or not, a timeout, an evaluation error) and each retry after one, for the first
 * {@value #TRACE_LINES} lines; after that, on long runs, a progress line at most once a second — states
 * entered, their rate, Map items done of all — redrawn in place on a terminal, printed as lines
 * otherwise; at the end, a summary.
 */
final class RunTrace {
    static final int TRACE_LINES = 200;
    /** Fewer states in a second or more (waits, slow tasks) make no rate worth showing. */
    private static final int RATE_FROM = 100;
    private static final long SECOND = 1_000_000_000L;
    private static final int MAX_CAUSE = 300;
    private static final Set<String> SCHEDULED = Set.of("TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled");
    private static final Set<String> EXECUTION_END = Set.of("ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanos;
    /** When the first state was entered: the time states ran is counted from there, not from the emulators' start. */
    private long start = -1;
    private long lastProgress;
    private boolean progressShown;
    private int lines;
    private long states;
    private long mapItems;
    private long mapItemsDone;
    /** Failure events by id, with their time: a task scheduled right after one of them is a retry. */
    private final Map<Long, Instant> failures = new HashMap<>();
    private long lastEventId;

    /** {@code terminal}: stderr is a terminal, where the progress line is redrawn in place. */
    RunTrace(PrintStream err, boolean terminal, LongSupplier nanos) {
        this.err = err;
        this.terminal = terminal;
        this.nanos = nanos;
    }

    static RunTrace onConsole(PrintStream err) {
        return new RunTrace(err, err == System.err && System.console() != null, System::nanoTime);
    }

    synchronized void event(JsonNode event) {
        String type = event.path("type").asText();
        if (start < 0 && type.endsWith("StateEntered")) {
            start = nanos.getAsLong();
            lastProgress = start;
        }
        long id = event.path("id").asLong();
        long previous = event.path("previousEventId").asLong(lastEventId);
        lastEventId = id;
        JsonNode details = details(event);
        if (type.endsWith("StateEntered")) {
            states++;
            trace("[" + states + "] " + type + " " + details.path("name").asText());
        } else if (type.equals("MapStateStarted")) {
            mapItems += details.path("length").asLong();
        } else if (type.startsWith("MapIteration") && !type.equals("MapIterationStarted")) {
            mapItemsDone++;
        } else if (SCHEDULED.contains(type) && failures.containsKey(previous)) {
            Instant failed = failures.remove(previous);
            trace("    retry after " + seconds(failed, time(event)) + ": " + type);
        } else if (details.has("error") && !EXECUTION_END.contains(type)) {
            failures.put(id, time(event));
            trace("    " + type + " " + details.path("error").asText() + cause(details));
        }
        long now = nanos.getAsLong();
        if (start >= 0 && lines > TRACE_LINES && now - lastProgress >= SECOND) {
            lastProgress = now;
            progress(now);
        }
    }

    /** Ends the progress line, if one is shown, and prints the summary. */
    synchronized void summary(String status) {
        if (progressShown && terminal) {
            err.print("\r\033[K");
        }
        double seconds = start < 0 ? 0 : (nanos.getAsLong() - start) / 1e9;
        StringBuilder line = new StringBuilder("execution " + status + " after " + states + " states in "
                + String.format(Locale.ROOT, "%.2f s", seconds));
        if (seconds >= 1 && states >= RATE_FROM) {
            line.append(", ").append(Math.round(states / seconds)).append(" states/s");
        }
        if (mapItems > 0) {
            line.append(", Map items ").append(mapItemsDone).append('/').append(mapItems);
        }
        err.println(line);
    }

    long states() {
        return states;
    }

    private void trace(String line) {
        if (lines > TRACE_LINES) {
            return;
        }
        if (progressShown && terminal) {
            err.print("\r\033[K");
        }
        lines++;
        err.println(lines > TRACE_LINES ? "... (the trace stops here; progress follows at most once a second)" : line);
        if (progressShown && terminal) {
            progress(nanos.getAsLong());
        }
    }

    private void progress(long now) {
        double seconds = (now - start) / 1e9;
        String line = "progress: " + states + " states, " + Math.round(states / Math.max(seconds, 1e-3)) + " states/s"
                + (mapItems > 0 ? ", Map items " + mapItemsDone + "/" + mapItems : "")
                + String.format(Locale.ROOT, ", %.0f s", seconds);
        if (terminal) {
            err.print("\r" + line + "\033[K");
            err.flush();
        } else {
            err.println(line);
        }
        progressShown = true;
    }

    /** The event's time: ISO text as stored, epoch seconds as the API renders it. */
    private static Instant time(JsonNode event) {
        JsonNode timestamp = event.path("timestamp");
        if (timestamp.isNumber()) {
            return Instant.ofEpochMilli(Math.round(timestamp.doubleValue() * 1000));
        }
        try {
            return Instant.parse(timestamp.asText());
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String seconds(Instant from, Instant to) {
        double seconds = java.time.Duration.between(from, to).toMillis() / 1000.0;
        return seconds == Math.rint(seconds) ? (long) seconds + " s" : String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private static String cause(JsonNode details) {
        String cause = details.path("cause").asText("");
        if (cause.isEmpty()) {
            return "";
        }
        cause = cause.replaceAll("\\s+", " ");
        return ": " + (cause.length() > MAX_CAUSE ? cause.substring(0, MAX_CAUSE) + "..." : cause);
    }

    /** The event's detail member (stateEnteredEventDetails, taskFailedEventDetails, ...), or a missing node. */
    private static JsonNode details(JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().endsWith("EventDetails")) {
                return field.getValue();
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
