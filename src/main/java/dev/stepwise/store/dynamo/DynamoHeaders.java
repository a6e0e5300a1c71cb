package dev.stepwise.store.dynamo;

import static dev.stepwise.store.DynamoTable.s;
import static dev.stepwise.store.DynamoTable.str;
import static dev.stepwise.store.TableLayout.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.store.DynamoTable;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.HeaderPage;
import dev.stepwise.store.Headers;
import dev.stepwise.store.StartRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** {@link Headers} on the table: the {@code INPUT} and {@code EXEC} items, listed through the two indexes. */
public final class DynamoHeaders implements Headers {
    private static final Map<String, String> NAMES = Map.of("#status", STATUS, "#stop", STOP, "#output", OUTPUT,
            "#error", ERROR, "#cause", CAUSE, "#ttl", TTL);

    private final DynamoTable table;
    private final Duration retention;

    /** @param retention how long a finished execution is kept: its header's {@value dev.stepwise.store.TableLayout#TTL} is its stop date plus this */
    public DynamoHeaders(DynamoTable table, Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    @Override
    public boolean putStart(StartRecord start) {
        return table.putIfAbsent(table.stamped(HeaderCodec.startItem(start)));
    }

    @Override
    public Optional<StartRecord> start(String executionArn) {
        Map<String, AttributeValue> item = table.get(executionArn, INPUT, true);
        return item == null ? Optional.empty() : Optional.of(HeaderCodec.start(item, table.text(item, INPUT_TEXT)));
    }

    @Override
    public boolean create(StartRecord start) {
        return table.putIfAbsent(HeaderCodec.headerItem(start));
    }

    @Override
    public Optional<ExecutionHeader> header(String executionArn) {
        return Optional.ofNullable(table.get(executionArn, HEADER, true)).map(HeaderCodec::header);
    }

    @Override
    public Map<String, ExecutionHeader> headers(List<String> executionArns) {
        Map<String, ExecutionHeader> found = new HashMap<>();
        table.batchGet(executionArns.stream().distinct().map(arn -> DynamoTable.key(arn, HEADER)).toList(), true, null,
                item -> found.put(item.get(PK).s(), HeaderCodec.header(item)));
        return found;
    }

    @Override
    public boolean finish(String executionArn, String listedUnder, ExecutionStatus status, Instant stopDate, JsonNode output,
                          String error, String cause) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(status.name()));
        values.put(":running", s(ExecutionStatus.RUNNING.name()));
        values.put(":stop", s(stopDate.toString()));
        values.put(":out", output == null ? AttributeValue.fromNul(true) : s(Json.write(output)));
        values.put(":err", error == null ? AttributeValue.fromNul(true) : s(error));
        values.put(":cause", cause == null ? AttributeValue.fromNul(true) : s(cause));
        values.put(":ttl", AttributeValue.fromN(String.valueOf(stopDate.plus(retention).getEpochSecond())));
        values.put(":spk", s(statusKey(listedUnder, status.name())));
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(executionArn, HEADER))
                    .updateExpression("SET #status = :status, #stop = :stop, #output = :out, #error = :err, #cause = :cause, "
                            + LIST_STATUS + " = :spk, #ttl = :ttl")
                    .conditionExpression("#status = :running")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notRunning) {
            return false;
        }
    }

    @Override
    public boolean redrive(String executionArn, String listedUnder, ExecutionStatus from, int redriveCount, Instant now,
                           String clientToken) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from.name()));
        values.put(":running", s(ExecutionStatus.RUNNING.name()));
        values.put(":rc", DynamoTable.n(redriveCount));
        values.put(":next", DynamoTable.n(redriveCount + 1));
        values.put(":rd", s(now.toString()));
        values.put(":tok", clientToken == null ? AttributeValue.fromNul(true) : s(clientToken));
        values.put(":spk", s(statusKey(listedUnder, ExecutionStatus.RUNNING.name())));
        String condition = "#status = :from AND " + (redriveCount == 0
                ? "(attribute_not_exists(" + REDRIVE_COUNT + ") OR " + REDRIVE_COUNT + " = :rc)" : REDRIVE_COUNT + " = :rc");
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(executionArn, HEADER))
                    .updateExpression("SET #status = :running, " + LIST_STATUS + " = :spk, " + REDRIVE_COUNT + " = :next, "
                            + REDRIVE_DATE + " = :rd, " + REDRIVE_TOKEN + " = :tok REMOVE #stop, #output, #error, #cause, #ttl")
                    .conditionExpression(condition)
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    @Override
    public HeaderPage list(String stateMachineArn, ExecutionStatus status, String position, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        String condition;
        QueryRequest.Builder query = QueryRequest.builder().scanIndexForward(false);
        if (status == null) {
            query.indexName(BY_MACHINE);
            condition = LIST_MACHINE + " = :k";
            values.put(":k", s(stateMachineArn));
        } else {
            query.indexName(BY_STATUS);
            condition = LIST_STATUS + " = :k";
            values.put(":k", s(statusKey(stateMachineArn, status.name())));
        }
        if (position != null) {
            condition += " AND " + LIST_ORDER + " < :p";
            values.put(":p", s(position));
        }
        query.keyConditionExpression(condition).expressionAttributeValues(values).limit(limit + 1);
        List<ExecutionHeader> found = new ArrayList<>();
        table.query(query.build(), limit + 1, item -> found.add(HeaderCodec.header(item)));
        List<ExecutionHeader> page = found.subList(0, Math.min(limit, found.size()));
        String next = null;
        if (found.size() > limit) {
            ExecutionHeader last = page.get(page.size() - 1);
            next = last.startDate() + "#" + last.executionArn();
        }
        return new HeaderPage(List.copyOf(page), next);
    }

    @Override
    public List<String> running() {
        return scan(SK + " = :h AND #status = :running", Map.of(":h", s(HEADER), ":running", s(ExecutionStatus.RUNNING.name())),
                Map.of("#status", STATUS));
    }

    @Override
    public List<String> unstarted() {
        List<String> starts = scan(SK + " = :i", Map.of(":i", s(INPUT)), null);
        List<String> unstarted = new ArrayList<>();
        for (String arn : starts) {
            if (table.get(arn, HEADER, true) == null) {
                unstarted.add(arn);
            }
        }
        return unstarted;
    }

    private List<String> scan(String filter, Map<String, AttributeValue> values, Map<String, String> names) {
        List<String> arns = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(table.name()).filterExpression(filter)
                    .expressionAttributeValues(values).projectionExpression(PK);
            if (names != null) {
                scan.expressionAttributeNames(names);
            }
            if (start != null) {
                scan.exclusiveStartKey(start);
            }
            var response = table.client().scan(scan.build());
            response.items().forEach(item -> arns.add(item.get(PK).s()));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return arns;
    }
}
