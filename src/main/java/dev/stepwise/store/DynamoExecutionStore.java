package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The store on one DynamoDB table. Key schema (all names are attribute names):
 * <pre>
 * pk (S)                 sk (S)                       item
 * stateMachineArn        "SM"                         definition, name, type, roleArn, created
 * executionArn           "EXEC"                       header: status, name, start/stop, output, error,
 *                                                     cause, ec (event id counter), GSI keys below,
 *                                                     rc/rd/rtok (redrive count, date, clientToken)
 * executionArn           "INPUT"                      the execution input (read once per container)
 * executionArn           "S#" frame "#" seq           a step; frame is the escaped path of
 *                                                     Parallel/Map segments ("Fan[2]/Inner[7]"), seq
 *                                                     the step's position in its frame (zero-padded),
 *                                                     so every step id is deterministic. kind = step, await,
 *                                                     join (a fan-out waiting: counters done/failed,
 *                                                     counted index set, state), end or halt.
 * executionArn           "B#" joinKey "#" index       a branch's end: its output or error (what the
 *                                                     join collects, in index order, by one Query)
 * executionArn           "T#" stepKey "#" attempt     a STANDARD Task attempt's claim
 * executionArn           "X#END"                      the terminal event written by an abort/timeout
 *                                                     (moved to "X#END#" n when redrive n begins)
 * executionArn           "R#" n                       redrive n: its ExecutionRedriven event
 * executionArn           "C#" stepKey                 the result of the task an awaiting step waits for
 *                                                     (callback, child execution, activity, timeout)
 * executionArn           "H#" stepKey                 that task's last heartbeat
 * executionArn           "K#" stepKey                 a callback's token secret, written before the call that sends it
 * executionArn           "A#" stepKey                 the activity worker that took that task
 * executionArn           "PARENT"                     a child execution's link to the parent step waiting for it
 * executionArn           "P#" nonce "#" n             a part of an attribute too large for its item
 *                                                     (bodyp/evp list the parts; gzip bytes, in order)
 * </pre>
 * History: any item may carry a chunk of events: {@code h} (N, first event id) and {@code ev}
 * (the AWS-shaped events as JSON text, gzip-compressed in {@code evz} when large). The local
 * secondary index {@value #HISTORY_INDEX} on (pk, h) is sparse: a Query on it returns an
 * execution's chunks in event order, forward or reverse, paged — GetExecutionHistory.
 * ListExecutions: global secondary indexes {@value #BY_MACHINE} (mpk = state machine ARN,
 * msk = start date + ARN) and {@value #BY_STATUS} (spk = state machine ARN + "#" + status, msk).
 * Writes are single-item and conditional; no transactions (dynalite has none, and they cost 2×).
 */
public final class DynamoExecutionStore implements ExecutionStore {
    public static final String HISTORY_INDEX = "history";
    public static final String BY_MACHINE = "byMachine";
    public static final String BY_STATUS = "byMachineStatus";
    static final String PK = "pk";
    static final String SK = "sk";
    static final String HEADER = "EXEC";
    static final String INPUT = "INPUT";
    static final String MACHINE = "SM";
    /** Bodies and chunks larger than this are stored gzip-compressed (items are limited to 400 KB). */
    private static final int COMPRESS_ABOVE = 16 * 1024;
    /** Above this an item's largest attributes move to part items (DynamoDB's item limit is 400 KB). */
    private static final int SPILL_ABOVE = 350 * 1024;
    private static final int PART_BYTES = 300 * 1024;

    /** The TTL attribute (epoch seconds) a finished execution's header carries. */
    public static final String TTL = "ttl";
    /** AWS keeps a closed Standard execution's history for 90 days. */
    public static final Duration AWS_RETENTION = Duration.ofDays(90);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoExecutionStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, AWS_RETENTION);
    }

    /** @param retention how long a finished execution is kept: its header's {@value #TTL} is the stop date plus this */
    public DynamoExecutionStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.activities = new DynamoActivityStore(dynamo, table);
    }

    private final ActivityStore activities;

    @Override
    public ActivityStore activities() {
        return activities;
    }

    /** Creates the table and its indexes unless it exists (local runs and tests; the SAM template does it on AWS). */
    public void createTableIfMissing() {
        try {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr(PK, ScalarAttributeType.S), attr(SK, ScalarAttributeType.S),
                            attr("h", ScalarAttributeType.N), attr("mpk", ScalarAttributeType.S),
                            attr("msk", ScalarAttributeType.S), attr("spk", ScalarAttributeType.S))
                    .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                    .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName(HISTORY_INDEX)
                            .keySchema(key(PK, KeyType.HASH), key("h", KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                    .nonKeyAttributes("ev", "evz", "evp").build()).build())
                    .globalSecondaryIndexes(gsi(BY_MACHINE, "mpk"), gsi(BY_STATUS, "spk")));
        } catch (ResourceInUseException exists) {
            // created by an earlier run
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    private static GlobalSecondaryIndex gsi(String name, String hash) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(hash, KeyType.HASH), key("msk", KeyType.RANGE))
                // ListExecutions shows no input or output: keep the (up to 256 KiB) output out of the index.
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                        .nonKeyAttributes("name", "machine", "machineName", "roleArn", "status", "start", "stop").build()).build();
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    // ---- state machines -----------------------------------------------------------------------

    @Override
    public void putStateMachine(StateMachineRecord machine) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(machine.arn()));
        item.put(SK, s(MACHINE));
        item.put("name", s(machine.name()));
        item.put("definition", s(machine.definition()));
        item.put("type", s(machine.type()));
        item.put("roleArn", s(machine.roleArn()));
        item.put("created", s(machine.creationDate().toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<StateMachineRecord> stateMachine(String arn) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(arn, MACHINE))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StateMachineRecord(arn, str(item, "name"), str(item, "definition"), str(item, "type"),
                str(item, "roleArn"), Instant.parse(str(item, "created"))));
    }

    // ---- executions ---------------------------------------------------------------------------

    @Override
    public boolean createExecution(ExecutionHeader header, JsonNode input) {
        // Input first: a header without its input is never visible to a step.
        Map<String, AttributeValue> in = new HashMap<>(key(header.executionArn(), INPUT));
        putBody(in, "input", input);
        dynamo.putItem(b -> b.tableName(table).item(in));
        Map<String, AttributeValue> item = new HashMap<>(key(header.executionArn(), HEADER));
        item.put("name", s(header.name()));
        item.put("machine", s(header.stateMachineArn()));
        item.put("machineName", s(header.stateMachineName()));
        item.put("roleArn", s(header.roleArn()));
        item.put("status", s(header.status().name()));
        item.put("start", s(header.startDate().toString()));
        item.put("ec", n(0));
        if (header.timeoutSeconds() != null) {
            item.put("timeout", n(header.timeoutSeconds()));
        }
        item.put("mpk", s(header.stateMachineArn()));
        item.put("msk", s(header.startDate() + "#" + header.executionArn()));
        item.put("spk", s(header.stateMachineArn() + "#" + header.status().name()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Loaded load(String executionArn, String stepKey, List<String> others, boolean withInput) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        keys.add(key(executionArn, HEADER));
        keys.add(key(executionArn, stepKey));
        for (String other : others) {
            keys.add(key(executionArn, other));
        }
        if (withInput) {
            keys.add(key(executionArn, INPUT));
        }
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(current));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(item.get(SK).s(), item);
            }
            request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
        }
        Map<String, AttributeValue> header = found.get(HEADER);
        Map<String, StoredItem> otherItems = new HashMap<>();
        for (String other : others) {
            if (found.containsKey(other)) {
                otherItems.put(other, storedItem(found.get(other)));
            }
        }
        return new Loaded(header == null ? null : header(header), found.containsKey(stepKey) ? storedItem(found.get(stepKey)) : null,
                otherItems, withInput && found.containsKey(INPUT) ? body(found.get(INPUT), "input") : null);
    }

    @Override
    public Optional<ExecutionHeader> header(String executionArn) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(executionArn, HEADER))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(header(item));
    }

    @Override
    public Optional<StoredItem> item(String executionArn, String key) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(executionArn, key))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(storedItem(item));
    }

    @Override
    public boolean putIfAbsent(String executionArn, StoredItem stored) {
        Prepared prepared = attributes(executionArn, stored);
        write(prepared);
        Map<String, AttributeValue> item = prepared.item();
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public void putAll(String executionArn, List<StoredItem> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new ArrayList<>();
            for (StoredItem stored : items.subList(from, Math.min(from + 25, items.size()))) {
                Prepared prepared = attributes(executionArn, stored);
                write(prepared);
                writes.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                        .putRequest(p -> p.item(prepared.item())).build());
            }
            Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> request = Map.of(table, writes);
            while (!request.isEmpty()) {
                Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> current = request;
                var response = dynamo.batchWriteItem(b -> b.requestItems(current));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    @Override
    public long allocateEvents(String executionArn, int count) {
        UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table).key(key(executionArn, HEADER))
                .updateExpression("ADD ec :n").expressionAttributeValues(Map.of(":n", n(count)))
                .returnValues(ReturnValue.UPDATED_NEW));
        return Long.parseLong(response.attributes().get("ec").n()) - count + 1;
    }

    @Override
    public void raiseEventCounter(String executionArn, long lastUsed) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(executionArn, HEADER))
                    .updateExpression("SET ec = :n").conditionExpression("ec < :n")
                    .expressionAttributeValues(Map.of(":n", n(lastUsed))));
        } catch (ConditionalCheckFailedException alreadyHigher) {
            // a replay, or branches already took ids past it
        }
    }

    @Override
    public JoinCount countBranch(String executionArn, String joinKey, int index, boolean failed) {
        try {
            UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(table).key(key(executionArn, joinKey))
                    .updateExpression("ADD done :one, failed :f, counted :idx")
                    .conditionExpression("attribute_exists(pk) AND NOT contains(counted, :i)")
                    .expressionAttributeValues(Map.of(":one", n(1), ":f", n(failed ? 1 : 0),
                            ":idx", AttributeValue.fromNs(List.of(String.valueOf(index))), ":i", n(index)))
                    .returnValues(ReturnValue.ALL_NEW));
            return joinCount(response.attributes(), true);
        } catch (ConditionalCheckFailedException counted) {
            Map<String, AttributeValue> current = counted.item();
            if (current == null || current.isEmpty()) {
                current = dynamo.getItem(b -> b.tableName(table).key(key(executionArn, joinKey)).consistentRead(true)).item();
            }
            if (current == null || current.isEmpty()) {
                throw new IllegalStateException("the join " + joinKey + " of " + executionArn + " does not exist");
            }
            return joinCount(current, false);
        }
    }

    private JoinCount joinCount(Map<String, AttributeValue> item, boolean fresh) {
        return new JoinCount(intOf(item, "done"), intOf(item, "failed"), fresh, str(item, "state"), body(item, "body"));
    }

    @Override
    public boolean closeJoin(String executionArn, String joinKey, String state, String error, String cause) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", s(state));
        values.put(":e", error == null ? AttributeValue.fromNul(true) : s(error));
        values.put(":c", cause == null ? AttributeValue.fromNul(true) : s(cause));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(executionArn, joinKey))
                    .updateExpression("SET #state = :s, jerr = :e, jcause = :c")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#state)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException closed) {
            return false;
        }
    }

    @Override
    public List<StoredItem> items(String executionArn, String prefix) {
        List<StoredItem> result = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(executionArn), ":prefix", s(prefix)));
            if (from != null) {
                query.exclusiveStartKey(from);
            }
            QueryResponse response = dynamo.query(query.build());
            response.items().forEach(item -> result.add(storedItem(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return result;
    }

    @Override
    public boolean finish(String executionArn, String stateMachineArn, ExecutionStatus status, Instant stopDate, JsonNode output, String error,
                          String cause) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(status.name()));
        values.put(":running", s(ExecutionStatus.RUNNING.name()));
        values.put(":stop", s(stopDate.toString()));
        values.put(":out", output == null ? AttributeValue.fromNul(true) : s(Json.write(output)));
        values.put(":err", error == null ? AttributeValue.fromNul(true) : s(error));
        values.put(":cause", cause == null ? AttributeValue.fromNul(true) : s(cause));
        values.put(":spk", s(stateMachineArn + "#" + status.name()));
        values.put(":ttl", AttributeValue.fromN(String.valueOf(stopDate.plus(retention).getEpochSecond())));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(executionArn, HEADER))
                    .updateExpression("SET #status = :status, #stop = :stop, #output = :out, #error = :err, #cause = :cause, spk = :spk, #ttl = :ttl")
                    .conditionExpression("#status = :running")
                    .expressionAttributeNames(Map.of("#status", "status", "#stop", "stop", "#output", "output",
                            "#error", "error", "#cause", "cause", "#ttl", TTL))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notRunning) {
            return false;
        }
    }

    @Override
    public boolean redrive(String executionArn, String stateMachineArn, ExecutionStatus from, int redriveCount, Instant now,
                           String clientToken) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from.name()));
        values.put(":running", s(ExecutionStatus.RUNNING.name()));
        values.put(":spk", s(stateMachineArn + "#" + ExecutionStatus.RUNNING.name()));
        values.put(":rc", n(redriveCount));
        values.put(":next", n(redriveCount + 1));
        values.put(":rd", s(now.toString()));
        values.put(":tok", clientToken == null ? AttributeValue.fromNul(true) : s(clientToken));
        String condition = "#status = :from AND " + (redriveCount == 0 ? "(attribute_not_exists(rc) OR rc = :rc)" : "rc = :rc");
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(executionArn, HEADER))
                    .updateExpression("SET #status = :running, spk = :spk, rc = :next, rd = :rd, rtok = :tok"
                            + " REMOVE #stop, #output, #error, #cause")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status", "#stop", "stop", "#output", "output",
                            "#error", "error", "#cause", "cause"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    @Override
    public void delete(String executionArn, String key) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(executionArn, key)));
    }

    @Override
    public ArrayNode history(String executionArn) {
        ArrayNode events = Json.NODES.arrayNode();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(HISTORY_INDEX).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(executionArn)));
            if (from != null) {
                query.exclusiveStartKey(from);
            }
            QueryResponse response = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : response.items()) {
                body(item, "ev").forEach(events::add);
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return events;
    }

    /** The most events one item's chunk holds (one step's events); pages start this far back to catch a split chunk. */
    private static final int MAX_CHUNK = 64;

    @Override
    public HistoryPage history(String executionArn, boolean reverse, long after, int maxResults) {
        ArrayNode events = Json.NODES.arrayNode();
        Map<String, AttributeValue> start = null;
        boolean more = false;
        do {
            Map<String, AttributeValue> from = start;
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(HISTORY_INDEX).consistentRead(true)
                    .scanIndexForward(!reverse).limit(Math.max(8, maxResults / 4));
            if (!reverse) {
                query.keyConditionExpression("pk = :pk AND h > :h")
                        .expressionAttributeValues(Map.of(":pk", s(executionArn), ":h", n(after - MAX_CHUNK)));
            } else if (after > 0) {
                query.keyConditionExpression("pk = :pk AND h < :h")
                        .expressionAttributeValues(Map.of(":pk", s(executionArn), ":h", n(after)));
            } else {
                query.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(executionArn)));
            }
            if (from != null) {
                query.exclusiveStartKey(from);
            }
            QueryResponse response = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : response.items()) {
                List<JsonNode> chunk = new ArrayList<>();
                body(item, "ev").forEach(chunk::add);
                if (reverse) {
                    Collections.reverse(chunk);
                }
                for (JsonNode event : chunk) {
                    long id = event.get("id").asLong();
                    boolean wanted = reverse ? (after == 0 || id < after) : id > after;
                    if (!wanted) {
                        continue;
                    }
                    if (events.size() == maxResults) {
                        more = true;
                        break;
                    }
                    events.add(event);
                }
                if (more) {
                    break;
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
            if (!more && start != null && events.size() == maxResults) {
                more = true; // there may be more; the next page finds out
            }
        } while (start != null && !more);
        Long next = more && !events.isEmpty() ? events.get(events.size() - 1).get("id").asLong() : null;
        return new HistoryPage(events, next);
    }

    @Override
    public List<String> runningExecutions() {
        List<String> arns = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var scan = software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder().tableName(table)
                    .filterExpression("sk = :h AND #status = :running")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":h", s(HEADER), ":running", s(ExecutionStatus.RUNNING.name())));
            if (from != null) {
                scan.exclusiveStartKey(from);
            }
            var response = dynamo.scan(scan.build());
            response.items().forEach(item -> arns.add(item.get(PK).s()));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return arns;
    }

    @Override
    public List<ExecutionHeader> executions(String stateMachineArn, ExecutionStatus status, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).scanIndexForward(false).limit(limit);
        if (status == null) {
            query.indexName(BY_MACHINE).keyConditionExpression("mpk = :k")
                    .expressionAttributeValues(Map.of(":k", s(stateMachineArn)));
        } else {
            query.indexName(BY_STATUS).keyConditionExpression("spk = :k")
                    .expressionAttributeValues(Map.of(":k", s(stateMachineArn + "#" + status.name())));
        }
        List<ExecutionHeader> result = new ArrayList<>();
        dynamo.query(query.build()).items().forEach(item -> result.add(header(item)));
        return result;
    }

    // ---- item mapping -------------------------------------------------------------------------

    /** An item ready to write, and the parts its largest attributes were spilled to (written first). */
    private record Prepared(Map<String, AttributeValue> item, List<Map<String, AttributeValue>> parts) {
    }

    private static Prepared attributes(String executionArn, StoredItem stored) {
        Map<String, AttributeValue> item = new HashMap<>(key(executionArn, stored.key()));
        item.put("kind", s(stored.kind()));
        putBody(item, "body", stored.body());
        if (stored.hasEvents()) {
            item.put("h", n(stored.firstEventId()));
            putBody(item, "ev", stored.events());
        }
        List<Map<String, AttributeValue>> parts = new ArrayList<>();
        for (String name : List.of("ev", "body")) {
            if (size(item) <= SPILL_ABOVE) {
                break;
            }
            spill(executionArn, item, name, parts);
        }
        return new Prepared(item, parts);
    }

    /**
     * DynamoDB items hold at most 400 KB; a step's body and its events can each approach the
     * 256 KiB payload quota. What does not fit (even compressed) moves to part items whose keys
     * are unique to this write, so a losing concurrent writer's parts are never read.
     */
    private static void spill(String executionArn, Map<String, AttributeValue> item, String name,
                              List<Map<String, AttributeValue>> parts) {
        byte[] bytes;
        AttributeValue plain = item.remove(name);
        AttributeValue zipped = item.remove(name + "z");
        if (plain == null && zipped == null) {
            return;
        }
        bytes = zipped != null ? zipped.b().asByteArray() : gzip(plain.s().getBytes(StandardCharsets.UTF_8));
        String nonce = java.util.UUID.randomUUID().toString();
        List<AttributeValue> keys = new ArrayList<>();
        for (int from = 0, i = 0; from < bytes.length; from += PART_BYTES, i++) {
            String sk = "P#" + nonce + "#" + i;
            Map<String, AttributeValue> part = new HashMap<>(key(executionArn, sk));
            part.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(
                    java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + PART_BYTES)))));
            parts.add(part);
            keys.add(s(sk));
        }
        item.put(name + "p", AttributeValue.fromL(keys));
    }

    /** About the item's stored size: its attribute names and values. */
    private static long size(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            AttributeValue value = entry.getValue();
            total += entry.getKey().length();
            if (value.s() != null) {
                total += value.s().getBytes(StandardCharsets.UTF_8).length;
            } else if (value.b() != null) {
                total += value.b().asByteArray().length;
            } else {
                total += 64;
            }
        }
        return total;
    }

    private void write(Prepared prepared) {
        for (Map<String, AttributeValue> part : prepared.parts()) {
            dynamo.putItem(b -> b.tableName(table).item(part));
        }
    }

    private static ExecutionHeader header(Map<String, AttributeValue> item) {
        String output = str(item, "output");
        return new ExecutionHeader(item.get(PK).s(), str(item, "name"), str(item, "machine"), str(item, "machineName"),
                str(item, "roleArn"), ExecutionStatus.valueOf(str(item, "status")), Instant.parse(str(item, "start")),
                str(item, "stop") == null ? null : Instant.parse(str(item, "stop")),
                output == null ? null : Json.parse(output), str(item, "error"), str(item, "cause"),
                item.containsKey("timeout") ? intOf(item, "timeout") : null, intOf(item, "rc"),
                str(item, "rd") == null ? null : Instant.parse(str(item, "rd")), str(item, "rtok"));
    }

    private StoredItem storedItem(Map<String, AttributeValue> item) {
        JsonNode events = item.containsKey("ev") || item.containsKey("evz") || item.containsKey("evp") ? body(item, "ev") : null;
        return new StoredItem(item.get(SK).s(), str(item, "kind"), body(item, "body"),
                item.containsKey("h") ? Long.parseLong(item.get("h").n()) : 0, (ArrayNode) events,
                intOf(item, "done"), intOf(item, "failed"), str(item, "state"), str(item, "jerr"), str(item, "jcause"));
    }

    private static void putBody(Map<String, AttributeValue> item, String name, JsonNode value) {
        byte[] text = Json.write(value).getBytes(StandardCharsets.UTF_8);
        if (text.length <= COMPRESS_ABOVE) {
            item.put(name, AttributeValue.fromS(new String(text, StandardCharsets.UTF_8)));
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        item.put(name + "z", AttributeValue.fromB(SdkBytes.fromByteArray(bytes.toByteArray())));
    }

    private JsonNode body(Map<String, AttributeValue> item, String name) {
        AttributeValue plain = item.get(name);
        if (plain != null && plain.s() != null) {
            return Json.parse(plain.s());
        }
        AttributeValue zipped = item.get(name + "z");
        byte[] bytes;
        if (zipped != null) {
            bytes = zipped.b().asByteArray();
        } else if (item.containsKey(name + "p")) {
            bytes = parts(item.get(PK).s(), item.get(name + "p").l());
        } else {
            return null;
        }
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return Json.parse(new String(gzip.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] parts(String pk, List<AttributeValue> keys) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (AttributeValue key : keys) {
            Map<String, AttributeValue> part = dynamo.getItem(b -> b.tableName(table).key(key(pk, key.s())).consistentRead(true)).item();
            if (part == null || part.isEmpty()) {
                throw new IllegalStateException("the part " + key.s() + " of an item of " + pk + " is missing");
            }
            joined.writeBytes(part.get("data").b().asByteArray());
        }
        return joined.toByteArray();
    }

    private static byte[] gzip(byte[] text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? null : value.s();
    }

    private static int intOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }
}
