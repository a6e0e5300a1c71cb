package dev.stepwise.api.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.AliasRecord;
import dev.stepwise.api.port.Page;
import dev.stepwise.api.port.StateMachinePort;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.VersionRecord;
import dev.stepwise.asl.Json;
import dev.stepwise.runtime.DurableRuntime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * State machines, versions, aliases and tags as items of the runtime's DynamoDB table (the
 * store's {@code pk}/{@code sk} keys), beside its executions. Key layout:
 * <pre>
 * pk                              sk                         item
 * "api#machines"                  name                       rec: the StateMachineRecord (JSON); one
 *                                                            partition, so a Query lists by name as AWS does
 * "api#versionCounter"            stateMachineArn            n: the last version number (ADD); kept when
 *                                                            the machine is deleted: numbers are never reused
 * "api#versions#" + machineArn    version, 20 digits         rec: the VersionRecord with its snapshot
 * "api#aliases#" + machineArn     alias name                 rec: the AliasRecord
 * "api#tags"                      resourceArn                rec: the tags (JSON object, in tagging order),
 *                                                            v: a revision for optimistic updates
 * </pre>
 * Every write is a single-item conditional write (no transactions). The runtime reads a machine's
 * definition from its own item ({@code pk = arn, sk = "SM"}), so creating or updating a machine
 * registers the definition with the runtime too ({@link DurableRuntime#createStateMachine}, which
 * also drops the runtime's cached parse).
 */
public final class DurableStateMachines implements StateMachinePort {
    static final String MACHINES = "api#machines";
    static final String VERSION_COUNTER = "api#versionCounter";
    static final String VERSIONS = "api#versions#";
    static final String ALIASES = "api#aliases#";
    static final String TAGS = "api#tags";
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String REC = "rec";

    private final DynamoDbClient dynamo;
    private final String table;
    private final DurableRuntime runtime;

    public DurableStateMachines(DynamoDbClient dynamo, String table, DurableRuntime runtime) {
        this.dynamo = dynamo;
        this.table = table;
        this.runtime = runtime;
    }

    // ---- state machines -----------------------------------------------------------------------

    @Override
    public StateMachineRecord createIfAbsent(StateMachineRecord machine) {
        Map<String, AttributeValue> item = item(MACHINES, machine.name(), PortRecords.machine(machine));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            return byName(machine.name()).orElseThrow();
        }
        register(machine);
        return machine;
    }

    @Override
    public Optional<StateMachineRecord> find(String stateMachineArn) {
        return byName(nameOf(stateMachineArn)).filter(m -> m.stateMachineArn().equals(stateMachineArn));
    }

    @Override
    public void update(StateMachineRecord machine) {
        Map<String, AttributeValue> item = item(MACHINES, machine.name(), PortRecords.machine(machine));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_exists(pk)"));
        } catch (ConditionalCheckFailedException gone) {
            throw new IllegalStateException("no state machine " + machine.stateMachineArn() + " to update");
        }
        register(machine);
    }

    @Override
    public boolean delete(String stateMachineArn) {
        if (find(stateMachineArn).isEmpty()) {
            return false;
        }
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key(MACHINES, nameOf(stateMachineArn)))
                    .conditionExpression("attribute_exists(pk)"));
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
        for (Map<String, AttributeValue> version : queryAll(VERSIONS + stateMachineArn)) {
            deleteTags(PortRecords.version(rec(version)).stateMachineVersionArn());
            dynamo.deleteItem(b -> b.tableName(table).key(key(VERSIONS + stateMachineArn, version.get(SK).s())));
        }
        for (Map<String, AttributeValue> alias : queryAll(ALIASES + stateMachineArn)) {
            deleteTags(PortRecords.alias(rec(alias)).stateMachineAliasArn());
            dynamo.deleteItem(b -> b.tableName(table).key(key(ALIASES + stateMachineArn, alias.get(SK).s())));
        }
        deleteTags(stateMachineArn);
        // The runtime's own item stays: executions still running keep their definition, as on AWS.
        return true;
    }

    @Override
    public Page<StateMachineRecord> list(String position, int limit) {
        return page(MACHINES, position, limit, true, item -> PortRecords.machine(rec(item)));
    }

    // ---- versions -----------------------------------------------------------------------------

    @Override
    public VersionRecord publishVersion(String stateMachineArn, String description, Instant now) {
        StateMachineRecord machine = find(stateMachineArn)
                .orElseThrow(() -> new IllegalStateException("no state machine " + stateMachineArn));
        List<VersionRecord> latest = listVersions(stateMachineArn, null, 1).items();
        // Publishing an unchanged revision again returns the version already published (API reference).
        if (!latest.isEmpty() && latest.get(0).snapshot().equals(machine)) {
            return latest.get(0);
        }
        long number = Long.parseLong(dynamo.updateItem(b -> b.tableName(table).key(key(VERSION_COUNTER, stateMachineArn))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("n").n());
        VersionRecord version = new VersionRecord(stateMachineArn + ":" + number, stateMachineArn, number, machine,
                description, now);
        Map<String, AttributeValue> item = item(VERSIONS + stateMachineArn, versionKey(number), PortRecords.version(version));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        return version;
    }

    @Override
    public Optional<VersionRecord> findVersion(String stateMachineVersionArn) {
        int colon = stateMachineVersionArn.lastIndexOf(':');
        long number;
        try {
            number = Long.parseLong(stateMachineVersionArn.substring(colon + 1));
        } catch (NumberFormatException notAVersion) {
            return Optional.empty();
        }
        return get(VERSIONS + stateMachineVersionArn.substring(0, colon), versionKey(number)).map(PortRecords::version)
                .filter(v -> v.stateMachineVersionArn().equals(stateMachineVersionArn));
    }

    @Override
    public Page<VersionRecord> listVersions(String stateMachineArn, String position, int limit) {
        return page(VERSIONS + stateMachineArn, position, limit, false, item -> PortRecords.version(rec(item)));
    }

    @Override
    public boolean deleteVersion(String stateMachineVersionArn) {
        int colon = stateMachineVersionArn.lastIndexOf(':');
        deleteTags(stateMachineVersionArn);
        try {
            String number = versionKey(Long.parseLong(stateMachineVersionArn.substring(colon + 1)));
            dynamo.deleteItem(b -> b.tableName(table).key(key(VERSIONS + stateMachineVersionArn.substring(0, colon), number))
                    .conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException | NumberFormatException absent) {
            return false;
        }
    }

    // ---- aliases ------------------------------------------------------------------------------

    @Override
    public AliasRecord createAliasIfAbsent(AliasRecord alias) {
        Map<String, AttributeValue> item = item(ALIASES + alias.stateMachineArn(), alias.name(), PortRecords.alias(alias));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return alias;
        } catch (ConditionalCheckFailedException exists) {
            return findAlias(alias.stateMachineAliasArn()).orElseThrow();
        }
    }

    @Override
    public Optional<AliasRecord> findAlias(String stateMachineAliasArn) {
        int colon = stateMachineAliasArn.lastIndexOf(':');
        return get(ALIASES + stateMachineAliasArn.substring(0, colon), stateMachineAliasArn.substring(colon + 1))
                .map(PortRecords::alias).filter(a -> a.stateMachineAliasArn().equals(stateMachineAliasArn));
    }

    @Override
    public void updateAlias(AliasRecord alias) {
        Map<String, AttributeValue> item = item(ALIASES + alias.stateMachineArn(), alias.name(), PortRecords.alias(alias));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public boolean deleteAlias(String stateMachineAliasArn) {
        int colon = stateMachineAliasArn.lastIndexOf(':');
        deleteTags(stateMachineAliasArn);
        try {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(key(ALIASES + stateMachineAliasArn.substring(0, colon), stateMachineAliasArn.substring(colon + 1)))
                    .conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }

    @Override
    public Page<AliasRecord> listAliases(String stateMachineArn, String position, int limit) {
        return page(ALIASES + stateMachineArn, position, limit, true, item -> PortRecords.alias(rec(item)));
    }

    // ---- tags ---------------------------------------------------------------------------------

    @Override
    public Map<String, String> tags(String resourceArn) {
        Map<String, String> tags = new LinkedHashMap<>();
        get(TAGS, resourceArn).ifPresent(json -> json.fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText())));
        return java.util.Collections.unmodifiableMap(tags);
    }

    @Override
    public void tag(String resourceArn, Map<String, String> add) {
        changeTags(resourceArn, tags -> add.forEach(tags::put));
    }

    @Override
    public void untag(String resourceArn, Collection<String> keys) {
        changeTags(resourceArn, tags -> keys.forEach(tags::remove));
    }

    /** Read, change, write back only if nobody wrote in between (the item's revision {@code v}); else again. */
    private void changeTags(String resourceArn, java.util.function.Consumer<ObjectNode> change) {
        while (true) {
            Map<String, AttributeValue> current = dynamo.getItem(b -> b.tableName(table).key(key(TAGS, resourceArn))
                    .consistentRead(true)).item();
            boolean exists = current != null && !current.isEmpty();
            ObjectNode tags = exists ? (ObjectNode) rec(current).deepCopy() : Json.object();
            change.accept(tags);
            long revision = exists ? Long.parseLong(current.get("v").n()) : 0;
            Map<String, AttributeValue> item = item(TAGS, resourceArn, tags);
            item.put("v", AttributeValue.fromN(Long.toString(revision + 1)));
            try {
                if (exists) {
                    dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("v = :v")
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(revision)))));
                } else {
                    dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
                }
                return;
            } catch (ConditionalCheckFailedException raced) {
                // another tagging request came first: apply ours to its result
            }
        }
    }

    private void deleteTags(String resourceArn) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(TAGS, resourceArn)));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void register(StateMachineRecord machine) {
        String arn = runtime.createStateMachine(machine.name(), machine.definition(), machine.roleArn());
        if (!arn.equals(machine.stateMachineArn())) {
            throw new IllegalStateException("the runtime names this machine " + arn + ", the API "
                    + machine.stateMachineArn() + ": give both the same region and account");
        }
    }

    private Optional<StateMachineRecord> byName(String name) {
        return get(MACHINES, name).map(PortRecords::machine);
    }

    private Optional<JsonNode> get(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(rec(item));
    }

    /** One page of a partition in sort-key order (or reversed); the position is the last sort key returned. */
    private <T> Page<T> page(String pk, String position, int limit, boolean ascending,
                             java.util.function.Function<Map<String, AttributeValue>, T> read) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .scanIndexForward(ascending).limit(limit + 1);
        if (position != null) {
            query.exclusiveStartKey(key(pk, position));
        }
        List<Map<String, AttributeValue>> items = dynamo.query(query.build()).items();
        List<T> page = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, items.size()); i++) {
            page.add(read.apply(items.get(i)));
        }
        String next = items.size() > limit ? items.get(limit - 1).get(SK).s() : null;
        return new Page<>(page, next);
    }

    private List<Map<String, AttributeValue>> queryAll(String pk) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(query.build());
            all.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return all;
    }

    private static String nameOf(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static String versionKey(long number) {
        return String.format("%020d", number);
    }

    private static JsonNode rec(Map<String, AttributeValue> item) {
        return Json.parse(item.get(REC).s());
    }

    private static Map<String, AttributeValue> item(String pk, String sk, JsonNode record) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
        item.put(REC, AttributeValue.fromS(Json.write(record)));
        return item;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
