package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.engine.MapRun;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;
import dev.stepwise.engine.history.HistoryEvent;
import dev.stepwise.queue.StepMessage;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.MapRuns;
import dev.stepwise.runtime.Redrive;
import dev.stepwise.store.DynamoExecutionStore;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.ExecutionStore;
import dev.stepwise.store.HistoryPage;
import dev.stepwise.store.StepKeys;
import dev.stepwise.store.StoredItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Executions on the durable runtime: the runtime writes and runs them (header, steps, history in
 * its {@link ExecutionStore}); this adapter adds one item per execution with what only the API
 * knows, and reads both back in the port's shapes.
 * <pre>
 * pk                  sk      item
 * runtime exec ARN    "API"   rec: the API's ARN and name, the input text as given, the start date,
 *                             version/alias ARNs, and the machine revision it runs (JSON)
 * </pre>
 * The conditional put of that item is StartExecution's atomic per-ARN check. An Express
 * execution's ARN ({@code ...:express:machine:name:id}) is not one the runtime makes; it runs
 * under {@code ...:execution:machine:name:id} (name {@code name:id}) and is shown under its own.
 * ListExecutions pages the store's {@value DynamoExecutionStore#BY_MACHINE} index itself, since
 * the store's listing has no position. An execution of a version (or through an alias) runs under
 * the version's ARN (see {@link #runtimeMachine}); its header's {@code mpk} is set to the machine's
 * ARN so the machine lists it.
 *
 * <p>An execution stopped (or timed out) while a step waits in the queue gets its last event when
 * that step runs, which may be minutes away (a Wait state). The API shows ExecutionAborted at once,
 * as AWS does, so this adapter then delivers the waiting step early: the runtime sees the execution
 * ended and writes its last event (see {@link #nudge}).
 */
public final class DurableExecutions implements ExecutionPort {
    static final String API = "API";
    /** The sort key of the store's execution header (see {@link DynamoExecutionStore}). */
    private static final String HEADER = "EXEC";
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String REC = "rec";
    /** How long a read waits for the runtime to write the last event of a stopped execution. */
    private static final Duration END_EVENT_WAIT = Duration.ofSeconds(5);

    private final DurableRuntime runtime;
    private final ExecutionStore store;
    private final StepQueue queue;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final StateMachineParser parser = new StateMachineParser();

    public DurableExecutions(DurableRuntime runtime, StepQueue queue, DynamoDbClient dynamo, String table, Clock clock) {
        this.runtime = runtime;
        this.store = runtime.store();
        this.queue = queue;
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** What the API item holds, with the execution's ARN as the runtime names it. */
    private record ApiItem(String runtimeArn, String runtimeName, ExecutionRecord started, StateMachineRecord machine) {
    }

    @Override
    public Started start(NewExecution execution) {
        String runtimeArn = runtimeArn(execution.executionArn());
        String runtimeName = runtimeName(runtimeArn);
        StateMachineRecord machine = execution.machine();
        ExecutionRecord record = new ExecutionRecord(execution.executionArn(), machine.stateMachineArn(), execution.name(),
                ExecutionStatus.RUNNING, execution.startDate(), null, execution.input(), null, null, null,
                execution.stateMachineVersionArn(), execution.stateMachineAliasArn(), machine.type());
        ObjectNode rec = Json.object();
        rec.put("executionArn", record.executionArn());
        rec.put("name", record.name());
        rec.put("input", record.input());
        rec.put("startDate", record.startDate().toString());
        rec.put("stateMachineVersionArn", record.stateMachineVersionArn());
        rec.put("stateMachineAliasArn", record.stateMachineAliasArn());
        rec.set("machine", PortRecords.machine(machine));
        Map<String, AttributeValue> item = new HashMap<>(key(runtimeArn));
        item.put(REC, AttributeValue.fromS(Json.write(rec)));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            ApiItem earlier = apiItem(execution.executionArn()).orElseThrow();
            if (store.header(runtimeArn).isEmpty()) {
                // The start that wrote the API item died before the runtime's header: finish it.
                begin(new NewExecution(execution.executionArn(), earlier.started().name(), earlier.started().input(),
                        earlier.machine(), earlier.started().stateMachineVersionArn(),
                        earlier.started().stateMachineAliasArn(), earlier.started().startDate()), runtimeArn, runtimeName);
            }
            return new Started(find(execution.executionArn()).orElseThrow(), false);
        }
        begin(execution, runtimeArn, runtimeName);
        return new Started(record, true);
    }

    /**
     * The header first, with the API's start date: the runtime then finds it and completes the
     * start (first step, ExecutionStarted, messages) as it does for a start that was interrupted.
     */
    private void begin(NewExecution execution, String runtimeArn, String runtimeName) {
        StateMachineRecord machine = execution.machine();
        JsonNode input = Json.parse(execution.input());
        Integer timeout = parser.parse(machine.definition()).timeoutSeconds();
        String runs = runtimeMachine(execution);
        store.createExecution(new ExecutionHeader(runtimeArn, runtimeName, runs, machine.name(),
                machine.roleArn(), ExecutionStatus.RUNNING, execution.startDate(), null, null, null, null, timeout), input);
        if (!runs.equals(machine.stateMachineArn())) {
            // Listed with the machine's other executions, as AWS lists a version's executions under the machine.
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(PK, AttributeValue.fromS(runtimeArn), SK, AttributeValue.fromS(HEADER)))
                    .updateExpression("SET mpk = :machine")
                    .expressionAttributeValues(Map.of(":machine", AttributeValue.fromS(machine.stateMachineArn()))));
        }
        runtime.startExecution(runs, runtimeName, input);
    }

    /**
     * The ARN under which the runtime finds the definition to run. The runtime reads a machine's
     * definition by the header's state machine ARN (and caches it), so an execution of a version
     * runs under the version's ARN, whose runtime item holds the version's immutable snapshot;
     * the item keeps the machine's name, so the runtime names the execution as the API does.
     */
    private String runtimeMachine(NewExecution execution) {
        StateMachineRecord machine = execution.machine();
        String version = execution.stateMachineVersionArn();
        if (version == null) {
            return machine.stateMachineArn();
        }
        store.putStateMachine(new dev.stepwise.store.StateMachineRecord(version, machine.name(), machine.definition(),
                machine.type(), machine.roleArn(), machine.creationDate()));
        return version;
    }

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        return apiItem(executionArn).map(api -> merge(api, store.header(api.runtimeArn()).orElse(null)));
    }

    @Override
    public Optional<StateMachineRecord> stateMachineOf(String executionArn) {
        return apiItem(executionArn).map(ApiItem::machine);
    }

    /**
     * Pages the store's {@value DynamoExecutionStore#BY_MACHINE} index (newest first); a status
     * filter is a FilterExpression on it, since executions of versions are kept under their
     * version in the status index but under the machine in this one.
     */
    @Override
    public Page<ExecutionRecord> list(String stateMachineArn, ExecutionStatus status, String position, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":k", AttributeValue.fromS(stateMachineArn));
        String condition = "mpk = :k";
        if (position != null) {
            condition += " AND msk < :p";
            values.put(":p", AttributeValue.fromS(position));
        }
        if (status != null) {
            values.put(":s", AttributeValue.fromS(status.name()));
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(DynamoExecutionStore.BY_MACHINE)
                    .scanIndexForward(false).limit(limit + 1).keyConditionExpression(condition)
                    .expressionAttributeValues(values);
            if (status != null) {
                query.filterExpression("#status = :s").expressionAttributeNames(Map.of("#status", "status"));
            }
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(query.build());
            found.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null && found.size() <= limit);
        List<Map<String, AttributeValue>> page = found.subList(0, Math.min(limit, found.size()));
        Map<String, ApiItem> apis = apiItems(page.stream().map(item -> item.get(PK).s()).toList());
        Map<String, Map<String, AttributeValue>> redrives = redriveFields(page.stream().map(item -> item.get(PK).s()).toList());
        List<ExecutionRecord> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : page) {
            ApiItem api = apis.get(item.get(PK).s());
            if (api == null && MapRun.isMapRunArn(stateMachineArn)) {
                api = childItem(item.get(PK).s(), false).orElse(null);
            }
            if (api != null) { // an execution the runtime started on its own has no API item
                items.add(merge(api, listed(item, redrives.get(item.get(PK).s()))));
            }
        }
        String next = found.size() > limit ? page.get(page.size() - 1).get("msk").s() : null;
        return new Page<>(items, next);
    }

    @Override
    public Optional<ExecutionRecord> stop(String executionArn, String error, String cause, Instant now) {
        Optional<ApiItem> api = apiItem(executionArn);
        if (api.isEmpty()) {
            return Optional.empty();
        }
        String runtimeArn = api.get().runtimeArn();
        if (runtime.stopExecution(runtimeArn, error, cause)) {
            nudge(runtimeArn);
        }
        return find(executionArn);
    }

    @Override
    public Optional<ExecutionRecord> redrive(String executionArn, String clientToken) {
        Optional<ApiItem> api = apiItem(executionArn);
        if (api.isEmpty()) {
            return Optional.empty();
        }
        if ("EXPRESS".equals(api.get().machine().type())) {
            // "This API action is not supported by EXPRESS state machines."
            throw new NotRedrivable("This API action is not supported by EXPRESS state machines.");
        }
        try {
            if (runtime.redriveExecution(api.get().runtimeArn(), clientToken).isEmpty()) {
                return Optional.empty();
            }
        } catch (Redrive.NotRedrivable e) {
            throw new NotRedrivable(e.getMessage());
        }
        return find(executionArn);
    }

    @Override
    public Page<StoredEvent> history(String executionArn, boolean reverseOrder, String position, int limit) {
        Optional<ApiItem> api = apiItem(executionArn);
        if (api.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        String runtimeArn = api.get().runtimeArn();
        ExecutionHeader header = store.header(runtimeArn).orElse(null);
        if (header != null && (header.status() == ExecutionStatus.ABORTED || header.status() == ExecutionStatus.TIMED_OUT)) {
            awaitEndEvent(runtimeArn);
        }
        long after = position == null ? 0 : Long.parseLong(position);
        HistoryPage page = store.history(runtimeArn, reverseOrder, after, limit);
        List<StoredEvent> events = new ArrayList<>();
        for (JsonNode json : page.events()) {
            events.add(asApiEvent(json, header));
        }
        return new Page<>(events, page.continueAfter() == null ? null : Long.toString(page.continueAfter()));
    }

    /** An event as the runtime stored it, as GetExecutionHistory answers it ({@code header}: its execution's, or null). */
    public static StoredEvent asApiEvent(JsonNode stored, ExecutionHeader header) {
        return asInMemory(StoredEvents.read(stored), header);
    }

    /**
     * The runtime writes ExecutionAborted without details and links the first state's entry to
     * ExecutionStarted; AWS (and the in-memory port) give the abort the StopExecution error and
     * cause and a previousEventId of 0 to both (test_sfn_api.snapshot.json).
     */
    private static StoredEvent asInMemory(StoredEvent event, ExecutionHeader header) {
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

    // ---- Map Runs -----------------------------------------------------------------------------

    @Override
    public Optional<MapRunRecord> mapRun(String mapRunArn) {
        return runtime.mapRuns().describe(mapRunArn).map(DurableExecutions::mapRunRecord);
    }

    @Override
    public List<MapRunRecord> mapRuns(String executionArn) {
        return apiItem(executionArn).map(api -> runtime.mapRuns().list(api.runtimeArn()).stream()
                .map(DurableExecutions::mapRunRecord).toList()).orElse(List.of());
    }

    @Override
    public Optional<MapRunRecord> updateMapRun(String mapRunArn, Integer maxConcurrency, Long toleratedFailureCount,
                                               Double toleratedFailurePercentage) {
        Integer count = toleratedFailureCount == null ? null : (int) Math.min(Integer.MAX_VALUE, toleratedFailureCount);
        return runtime.mapRuns().update(mapRunArn, maxConcurrency, count, toleratedFailurePercentage)
                .map(DurableExecutions::mapRunRecord);
    }

    private static MapRunRecord mapRunRecord(MapRuns.View run) {
        MapRuns.Counts c = run.counts();
        return new MapRunRecord(run.mapRunArn(), run.executionArn(), run.stateMachineArn(), run.status(), run.startDate(),
                run.stopDate(), run.maxConcurrency(), run.toleratedFailurePercentage(), run.toleratedFailureCount(),
                new MapRunRecord.Counts(c.pending(), c.running(), c.succeeded(), c.failed(), c.timedOut(), c.aborted(),
                        c.total(), c.resultsWritten()));
    }

    // ---- the last event of a stopped execution ------------------------------------------------

    /**
     * Delivers now each step that is waiting in the queue for a later time (a Wait, a retry's
     * back-off): the runtime's step processor checks the execution's status before its wait, so
     * it halts and writes the last event. Steps due within a second are left alone: their own
     * delivery does the same, and two deliveries at once could both write events.
     */
    private void nudge(String runtimeArn) {
        List<StoredItem> steps = store.items(runtimeArn, "S#");
        Set<String> keys = new HashSet<>();
        steps.forEach(step -> keys.add(step.key()));
        long soon = clock.millis() + 1000;
        for (StoredItem step : steps) {
            if (keys.contains(StepKeys.successor(step.key())) || step.body() == null) {
                continue;
            }
            if ("await".equals(step.kind())) {
                // A task waiting for a callback or a worker has no message coming; send one.
                queue.send(new StepMessage(runtimeArn, step.key()), 0);
            } else if (step.body().has("runAt") && step.body().get("runAt").asLong() > soon) {
                queue.send(new StepMessage(runtimeArn, step.key()), 0);
            }
        }
    }

    private void awaitEndEvent(String runtimeArn) {
        if (store.item(runtimeArn, StepKeys.END).isPresent()) {
            return;
        }
        nudge(runtimeArn);
        long until = System.nanoTime() + END_EVENT_WAIT.toNanos();
        while (System.nanoTime() < until && store.item(runtimeArn, StepKeys.END).isEmpty()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- items --------------------------------------------------------------------------------

    /** Standard executions run under their own ARN; an Express one under the same ARN with ":execution:". */
    static String runtimeArn(String executionArn) {
        return executionArn.replaceFirst(":express:", ":execution:");
    }

    /** The execution's name as the runtime knows it: what follows the machine's name in its ARN. */
    private static String runtimeName(String runtimeArn) {
        int machine = runtimeArn.indexOf(":execution:") + ":execution:".length();
        return runtimeArn.substring(runtimeArn.indexOf(':', machine) + 1);
    }

    private Optional<ApiItem> apiItem(String executionArn) {
        String runtimeArn = runtimeArn(executionArn);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(runtimeArn)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return childItem(executionArn, true);
        }
        ApiItem api = apiItem(item);
        return api.started().executionArn().equals(executionArn) ? Optional.of(api) : Optional.empty();
    }

    /**
     * A Map Run's child execution has no API item (the runtime started it): its header runs the
     * run's definition, kept under the run's ARN; the API shows the labelled state machine.
     */
    private Optional<ApiItem> childItem(String executionArn, boolean withInput) {
        ExecutionHeader header = executionArn.contains(":execution:") ? store.header(executionArn).orElse(null) : null;
        if (header == null || !MapRun.isMapRunArn(header.stateMachineArn())) {
            return Optional.empty();
        }
        String mapRunArn = header.stateMachineArn();
        dev.stepwise.store.StateMachineRecord definition = store.stateMachine(mapRunArn).orElse(null);
        if (definition == null) {
            return Optional.empty();
        }
        String machineArn = MapRun.stateMachineArnOf(mapRunArn);
        StateMachineRecord machine = new StateMachineRecord(machineArn, definition.name(), definition.definition(),
                definition.roleArn(), definition.type(), Shapes.defaultLogging(), Shapes.defaultTracing(),
                definition.creationDate(), null, null, null);
        String input = withInput ? Json.write(store.load(executionArn, StepKeys.step("", 0), List.of(), true).input()) : null;
        ExecutionRecord started = new ExecutionRecord(executionArn, machineArn, header.name(), ExecutionStatus.RUNNING,
                header.startDate(), null, input, null, null, null, null, null, definition.type(), 0, null, mapRunArn);
        return Optional.of(new ApiItem(executionArn, header.name(), started, machine));
    }

    private Map<String, ApiItem> apiItems(List<String> runtimeArns) {
        Map<String, ApiItem> found = new HashMap<>();
        if (runtimeArns.isEmpty()) {
            return found;
        }
        List<Map<String, AttributeValue>> keys = runtimeArns.stream().distinct().map(DurableExecutions::key).toList();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> current = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(current));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(item.get(PK).s(), apiItem(item));
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    private static ApiItem apiItem(Map<String, AttributeValue> item) {
        JsonNode rec = Json.parse(item.get(REC).s());
        StateMachineRecord machine = PortRecords.machine(rec.get("machine"));
        String runtimeArn = item.get(PK).s();
        String runtimeName = runtimeName(runtimeArn);
        ExecutionRecord started = new ExecutionRecord(rec.get("executionArn").asText(), machine.stateMachineArn(),
                rec.get("name").asText(), ExecutionStatus.RUNNING, Instant.parse(rec.get("startDate").asText()), null,
                rec.get("input").asText(), null, null, null, text(rec, "stateMachineVersionArn"),
                text(rec, "stateMachineAliasArn"), machine.type());
        return new ApiItem(runtimeArn, runtimeName, started, machine);
    }

    /** The API's part with the runtime's status, stop date, output, error and cause (RUNNING while the header is not written yet). */
    private static ExecutionRecord merge(ApiItem api, Header header) {
        ExecutionRecord r = api.started();
        if (header == null) {
            return r;
        }
        return new ExecutionRecord(r.executionArn(), r.stateMachineArn(), r.name(), header.status(), r.startDate(),
                header.stopDate(), r.input(), header.output(), header.error(), header.cause(), r.stateMachineVersionArn(),
                r.stateMachineAliasArn(), r.stateMachineType(), header.redriveCount(), header.redriveDate(), r.mapRunArn());
    }

    private static ExecutionRecord merge(ApiItem api, ExecutionHeader header) {
        return merge(api, header == null ? null : new Header(header.status(), header.stopDate(),
                header.output() == null ? null : Json.write(header.output()), header.error(), header.cause(),
                header.redriveCount(), header.redriveDate()));
    }

    /** What a header (or its projection in a listing index) says about an execution's progress. */
    private record Header(ExecutionStatus status, Instant stopDate, String output, String error, String cause,
                          int redriveCount, Instant redriveDate) {
    }

    /** A listing index item, with the redrive count and date its header has (the index does not project them). */
    private static Header listed(Map<String, AttributeValue> item, Map<String, AttributeValue> redrive) {
        AttributeValue stop = item.get("stop");
        AttributeValue rc = redrive == null ? null : redrive.get("rc");
        AttributeValue rd = redrive == null ? null : redrive.get("rd");
        return new Header(ExecutionStatus.valueOf(item.get("status").s()),
                stop == null || stop.s() == null ? null : Instant.parse(stop.s()), null, null, null,
                rc == null || rc.n() == null ? 0 : Integer.parseInt(rc.n()), rd == null || rd.s() == null ? null : Instant.parse(rd.s()));
    }

    /** The redrive count and date of each execution's header, by runtime ARN. */
    private Map<String, Map<String, AttributeValue>> redriveFields(List<String> runtimeArns) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        if (runtimeArns.isEmpty()) {
            return found;
        }
        List<Map<String, AttributeValue>> keys = runtimeArns.stream().distinct()
                .map(arn -> Map.of(PK, AttributeValue.fromS(arn), SK, AttributeValue.fromS(HEADER))).toList();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true)
                .projectionExpression("pk, rc, rd").build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> current = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(current));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(item.get(PK).s(), item);
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, AttributeValue> key(String runtimeArn) {
        return Map.of(PK, AttributeValue.fromS(runtimeArn), SK, AttributeValue.fromS(API));
    }
}
