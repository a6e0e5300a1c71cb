package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.Shapes;
import dev.stepwise.api.port.ExecutionPort;
import dev.stepwise.api.port.ExecutionRecord;
import dev.stepwise.api.port.MapRunRecord;
import dev.stepwise.api.port.NewExecution;
import dev.stepwise.api.port.Page;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.StoredEvent;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.MapRuns;
import dev.stepwise.runtime.Redrive;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.HeaderPage;
import dev.stepwise.store.HistoryOrder;
import dev.stepwise.store.HistoryPage;
import dev.stepwise.store.StartRecord;
import dev.stepwise.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executions on the durable runtime. The runtime writes and runs them; the API adds its own small
 * record of each start (the ARN and name it shows, the machine, version and alias it was started
 * through, the revision it runs), which the runtime keeps in the execution's start record and
 * header ({@link StartRecord#api()}), so a listing needs nothing but the listing index. An Express
 * execution's ARN ({@code ...:express:machine:name:id}) is not one the runtime makes; it runs
 * under {@code ...:execution:machine:name:id} (name {@code name:id}) and is shown under its own.
 * A Map Run's children have no API record: the runtime started them; they are shown from their
 * header and the run.
 */
public final class DurableExecutions implements ExecutionPort {
    private static final String API_ARN = "executionArn";
    private static final String NAME = "name";
    private static final String MACHINE = "stateMachineArn";
    private static final String VERSION = "stateMachineVersionArn";
    private static final String ALIAS = "stateMachineAliasArn";
    private static final String TYPE = "type";
    private static final String REVISION = "rev";

    private final DurableRuntime runtime;
    private final Store store;
    private final EndWaits ends;

    public DurableExecutions(DurableRuntime runtime) {
        this.runtime = runtime;
        this.store = runtime.store();
        this.ends = new EndWaits();
        runtime.listen(ends);
    }

    @Override
    public Started start(NewExecution execution) {
        String runtimeArn = DurableRuntime.runtimeArn(execution.executionArn());
        StateMachineRecord machine = execution.machine();
        String version = execution.stateMachineVersionArn();
        String runs = version != null ? version : machine.stateMachineArn();
        String revision = runtime.storeRevision(runs, MachineRevisions.of(machine), version != null);
        ObjectNode api = Json.object().put(API_ARN, execution.executionArn()).put(NAME, execution.name())
                .put(MACHINE, machine.stateMachineArn()).put(VERSION, version).put(ALIAS, execution.stateMachineAliasArn())
                .put(TYPE, machine.type()).put(REVISION, revision);
        StartRecord request = runtime.startRequest(runtimeArn, runs, revision, runtimeName(runtimeArn), execution.input(),
                execution.startDate(), machine.stateMachineArn(), api);
        StartRecord found = runtime.start(request);
        if (found == request) {
            return new Started(record(found, found.api(), null), true);
        }
        ExecutionRecord existing = record(found, found.api(), store.headers().header(runtimeArn).orElse(null));
        if (existing.status() == ExecutionStatus.RUNNING && existing.input().equals(execution.input())) {
            runtime.completeStart(found); // the same start again: finish it if a crash cut it short
        }
        return new Started(existing, false);
    }

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        String runtimeArn = DurableRuntime.runtimeArn(executionArn);
        Optional<StartRecord> start = store.headers().start(runtimeArn);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        ExecutionHeader header = store.headers().header(runtimeArn).orElse(null);
        JsonNode api = start.get().api();
        if (api == null) {
            return mapRunChild(start.get(), header);
        }
        if (!api.get(API_ARN).asText().equals(executionArn)) {
            return Optional.empty();
        }
        return Optional.of(record(start.get(), api, header));
    }

    @Override
    public Optional<StateMachineRecord> stateMachineOf(String executionArn) {
        if (find(executionArn).isEmpty()) {
            return Optional.empty();
        }
        StartRecord start = store.headers().start(DurableRuntime.runtimeArn(executionArn)).orElseThrow();
        return runtime.revision(start.stateMachineArn(), start.revision()).map(revision -> start.api() != null
                ? MachineRevisions.machine(revision)
                // A Map Run's child runs the item processor, shown as the run's labelled state machine.
                : new StateMachineRecord(MapRun.stateMachineArnOf(start.stateMachineArn()), revision.name(), revision.definition(),
                        revision.roleArn(), revision.type(), Shapes.defaultLogging(), Shapes.defaultTracing(),
                        revision.creationDate(), null, null, null));
    }

    @Override
    public Page<ExecutionRecord> list(String stateMachineArn, ExecutionStatus status, String position, int limit) {
        HeaderPage page = store.headers().list(stateMachineArn, status, position, limit);
        List<ExecutionRecord> items = new ArrayList<>();
        for (ExecutionHeader header : page.headers()) {
            if (header.api() != null) {
                items.add(merge(header.api(), header.name(), header.startDate(), null, header));
            } else if (MapRun.isMapRunArn(stateMachineArn)) {
                items.add(childRecord(header, null));
            }
            // an execution the runtime started on its own has no API record: the API does not show it
        }
        return new Page<>(items, page.next());
    }

    @Override
    public Optional<ExecutionRecord> stop(String executionArn, String error, String cause, Instant now) {
        if (find(executionArn).isEmpty()) {
            return Optional.empty();
        }
        runtime.stopExecution(DurableRuntime.runtimeArn(executionArn), error, cause);
        return find(executionArn);
    }

    @Override
    public Optional<ExecutionRecord> redrive(String executionArn, String clientToken) {
        Optional<ExecutionRecord> found = find(executionArn);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if ("EXPRESS".equals(found.get().stateMachineType())) {
            // "This API action is not supported by EXPRESS state machines."
            throw new NotRedrivable("This API action is not supported by EXPRESS state machines.");
        }
        try {
            if (runtime.redriveExecution(DurableRuntime.runtimeArn(executionArn), clientToken).isEmpty()) {
                return Optional.empty();
            }
        } catch (Redrive.NotRedrivable e) {
            throw new NotRedrivable(e.getMessage());
        }
        return find(executionArn);
    }

    /**
     * The history as stored, numbered 1..n. A stopped or timed-out execution gets its last event
     * from the next step it had in flight, which may not have run yet: AWS shows ExecutionAborted
     * at once, so until then the history ends with that event as it will be written.
     */
    @Override
    public Page<StoredEvent> history(String executionArn, boolean reverseOrder, String position, int limit) {
        if (find(executionArn).isEmpty()) {
            return new Page<>(List.of(), null);
        }
        String runtimeArn = DurableRuntime.runtimeArn(executionArn);
        ExecutionHeader header = store.headers().header(runtimeArn).orElse(null);
        ArrayNode events = store.steps().history(runtimeArn);
        if (header != null && events.size() > 0 && isHalted(header.status()) && !endsWith(events, header.status())) {
            JsonNode last = events.get(events.size() - 1);
            events.add(haltEvent(header, last.get("id").asLong() + 1));
        }
        HistoryPage page = HistoryOrder.page(events, reverseOrder, position == null ? 0 : Long.parseLong(position), limit);
        List<StoredEvent> read = new ArrayList<>();
        for (JsonNode json : page.events()) {
            read.add(asApiEvent(json, header));
        }
        return new Page<>(read, page.continueAfter() == null ? null : Long.toString(page.continueAfter()));
    }

    private static boolean isHalted(ExecutionStatus status) {
        return status == ExecutionStatus.ABORTED || status == ExecutionStatus.TIMED_OUT;
    }

    private static boolean endsWith(ArrayNode events, ExecutionStatus status) {
        String type = events.get(events.size() - 1).get("type").asText();
        return type.equals(status == ExecutionStatus.ABORTED ? "ExecutionAborted" : "ExecutionTimedOut");
    }

    private static ObjectNode haltEvent(ExecutionHeader header, long id) {
        ObjectNode event = Json.object().put("timestamp", header.stopDate().toString()).put("id", id).put("previousEventId", id - 1);
        if (header.status() == ExecutionStatus.ABORTED) {
            event.put("type", "ExecutionAborted");
        } else {
            event.put("type", "ExecutionTimedOut");
            event.putObject("executionTimedOutEventDetails").put("error", header.error()).put("cause", header.cause());
        }
        return event;
    }

    /** An event as the runtime stored it, as GetExecutionHistory answers it ({@code header}: its execution's, or null). */
    public static StoredEvent asApiEvent(JsonNode stored, ExecutionHeader header) {
        return asAws(StoredEvents.read(stored), header);
    }

    /**
     * The runtime writes ExecutionAborted without details and links the first state's entry to
     * ExecutionStarted; AWS (and the in-memory port) give the abort the StopExecution error and
     * cause and a previousEventId of 0 to both (test_sfn_api.snapshot.json).
     */
    private static StoredEvent asAws(StoredEvent event, ExecutionHeader header) {
        if (event.event().type() == EventType.ExecutionAborted) {
            EventDetails details = event.event().details() instanceof EventDetails.None && header != null
                    ? new EventDetails.ExecutionFailed(header.error(), header.cause()) : event.event().details();
            return new StoredEvent(event.id(), 0, event.timestamp(), new HistoryEvent(EventType.ExecutionAborted, details));
        }
        if (event.id() == 2) {
            return new StoredEvent(event.id(), 0, event.timestamp(), event.event());
        }
        return event;
    }

    /** StartSyncExecution: woken when the runtime in this process ends the execution; polls the store otherwise. */
    @Override
    public Optional<ExecutionRecord> awaitEnd(String executionArn, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        String runtimeArn = DurableRuntime.runtimeArn(executionArn);
        while (true) {
            Optional<ExecutionRecord> execution = find(executionArn);
            long left = until - System.nanoTime();
            if (execution.isEmpty() || execution.get().status().isTerminal() || left <= 0) {
                return execution;
            }
            if (!ends.await(runtimeArn, Math.min(left, EndWaits.POLL.toNanos()))) {
                return execution; // interrupted
            }
        }
    }

    // ---- Map Runs -----------------------------------------------------------------------------

    @Override
    public Optional<MapRunRecord> mapRun(String mapRunArn) {
        return runtime.mapRuns().describe(mapRunArn).map(DurableExecutions::mapRunRecord);
    }

    @Override
    public List<MapRunRecord> mapRuns(String executionArn) {
        if (find(executionArn).isEmpty()) {
            return List.of();
        }
        return runtime.mapRuns().list(DurableRuntime.runtimeArn(executionArn)).stream().map(DurableExecutions::mapRunRecord).toList();
    }

    @Override
    public Optional<MapRunRecord> updateMapRun(String mapRunArn, Integer maxConcurrency, Long toleratedFailureCount,
                                               Double toleratedFailurePercentage) {
        Integer count = toleratedFailureCount == null ? null : (int) Math.min(Integer.MAX_VALUE, toleratedFailureCount);
        return runtime.mapRuns().update(mapRunArn, maxConcurrency, count, toleratedFailurePercentage)
                .map(DurableExecutions::mapRunRecord);
    }

    private static MapRunRecord mapRunRecord(MapRuns.View run) {
        return new MapRunRecord(run.mapRunArn(), run.executionArn(), run.stateMachineArn(), run.status(), run.startDate(),
                run.stopDate(), run.maxConcurrency(), run.toleratedFailurePercentage(), run.toleratedFailureCount(),
                counts(run.executions()), counts(run.items()), run.redriveCount(), run.redriveDate());
    }

    private static MapRunRecord.Counts counts(MapRuns.Counts c) {
        return new MapRunRecord.Counts(c.pending(), c.running(), c.succeeded(), c.failed(), c.timedOut(), c.aborted(), c.total(),
                c.resultsWritten());
    }

    // ---- records ------------------------------------------------------------------------------

    /** The execution's name as the runtime knows it: what follows the machine's name in its ARN. */
    private static String runtimeName(String runtimeArn) {
        int machine = runtimeArn.indexOf(":execution:") + ":execution:".length();
        return runtimeArn.substring(runtimeArn.indexOf(':', machine) + 1);
    }

    /** What the start record and the API's record show, with the header's progress (RUNNING before the header exists). */
    private static ExecutionRecord record(StartRecord start, JsonNode api, ExecutionHeader header) {
        return merge(api, api.get(NAME).asText(), start.startDate(), start.input(), header);
    }

    private static ExecutionRecord merge(JsonNode api, String name, Instant startDate, String input, ExecutionHeader header) {
        ExecutionStatus status = header == null ? ExecutionStatus.RUNNING : header.status();
        String apiName = api.has(NAME) ? api.get(NAME).asText() : name;
        return new ExecutionRecord(api.get(API_ARN).asText(), api.get(MACHINE).asText(), apiName, status, startDate,
                header == null ? null : header.stopDate(), input,
                header == null || header.output() == null ? null : Json.write(header.output()),
                header == null ? null : header.error(), header == null ? null : header.cause(), text(api, VERSION), text(api, ALIAS),
                api.get(TYPE).asText(), header == null ? 0 : header.redriveCount(), header == null ? null : header.redriveDate(), null);
    }

    /** A Map Run's child: shown with the labelled state machine its run names, and its run. */
    private Optional<ExecutionRecord> mapRunChild(StartRecord start, ExecutionHeader header) {
        if (header == null || !MapRun.isMapRunArn(header.stateMachineArn())) {
            return Optional.empty();
        }
        return Optional.of(childRecord(header, start.input()));
    }

    private ExecutionRecord childRecord(ExecutionHeader header, String input) {
        String mapRunArn = header.stateMachineArn();
        String type = header.revision() == null ? "STANDARD"
                : runtime.revision(mapRunArn, header.revision()).map(r -> r.type()).orElse("STANDARD");
        return new ExecutionRecord(header.executionArn(), MapRun.stateMachineArnOf(mapRunArn), header.name(), header.status(),
                header.startDate(), header.stopDate(), input, header.output() == null ? null : Json.write(header.output()),
                header.error(), header.cause(), null, null, type, header.redriveCount(), header.redriveDate(), mapRunArn);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
