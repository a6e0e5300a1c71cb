package dev.stepwise.store.dynamo;

import static dev.stepwise.store.DynamoTable.n;
import static dev.stepwise.store.DynamoTable.num;
import static dev.stepwise.store.DynamoTable.s;
import static dev.stepwise.store.DynamoTable.str;
import static dev.stepwise.store.TableLayout.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.store.DynamoTable;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.store.StartRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The header and start items as DynamoDB attributes, and back. */
final class HeaderCodec {
    private static final String ARN = "arn";
    private static final String MACHINE_ARN = "machine";
    private static final String LISTED = "listed";

    private HeaderCodec() {
    }

    static Map<String, AttributeValue> headerItem(StartRecord start) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(start.executionArn(), HEADER));
        item.put(NAME, s(start.name()));
        item.put(MACHINE, s(start.stateMachineArn()));
        item.put(MACHINE_NAME, s(start.stateMachineName()));
        if (start.revision() != null) {
            item.put(REVISION_KEY, s(start.revision()));
        }
        if (start.roleArn() != null) {
            item.put(ROLE_ARN, s(start.roleArn()));
        }
        item.put(STATUS, s(ExecutionStatus.RUNNING.name()));
        item.put(START, s(start.startDate().toString()));
        item.put(EVENT_COUNTER, n(0));
        if (start.timeoutSeconds() != null) {
            item.put(TIMEOUT, n(start.timeoutSeconds()));
        }
        if (start.api() != null) {
            item.put(API_RECORD, s(Json.write(start.api())));
        }
        item.put(LIST_MACHINE, s(start.listedUnder()));
        item.put(LIST_ORDER, s(start.startDate() + "#" + start.executionArn()));
        item.put(LIST_STATUS, s(statusKey(start.listedUnder(), ExecutionStatus.RUNNING.name())));
        return item;
    }

    static ExecutionHeader header(Map<String, AttributeValue> item) {
        String output = str(item, OUTPUT);
        String api = str(item, API_RECORD);
        return new ExecutionHeader(item.get(PK).s(), str(item, NAME), str(item, MACHINE), str(item, REVISION_KEY),
                str(item, MACHINE_NAME), str(item, ROLE_ARN), ExecutionStatus.valueOf(str(item, STATUS)),
                Instant.parse(str(item, START)), instant(str(item, STOP)), output == null ? null : Json.parse(output),
                str(item, ERROR), str(item, CAUSE), item.containsKey(TIMEOUT) ? (int) num(item, TIMEOUT) : null,
                (int) num(item, REDRIVE_COUNT), instant(str(item, REDRIVE_DATE)), str(item, REDRIVE_TOKEN),
                num(item, EVENT_COUNTER), api == null ? null : Json.parse(api), str(item, LIST_MACHINE));
    }

    static Map<String, AttributeValue> startItem(StartRecord start) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(start.executionArn(), INPUT));
        DynamoTable.putText(item, INPUT_TEXT, start.input());
        ObjectNode record = Json.object().put(ARN, start.executionArn()).put(NAME, start.name())
                .put(MACHINE_ARN, start.stateMachineArn()).put(REVISION_KEY, start.revision())
                .put(MACHINE_NAME, start.stateMachineName()).put(ROLE_ARN, start.roleArn())
                .put(START, start.startDate().toString()).put(LISTED, start.listedUnder());
        if (start.timeoutSeconds() != null) {
            record.put(TIMEOUT, start.timeoutSeconds());
        }
        item.put(START_RECORD, s(Json.write(record)));
        if (start.api() != null) {
            item.put(API_RECORD, s(Json.write(start.api())));
        }
        return item;
    }

    static StartRecord start(Map<String, AttributeValue> item, String input) {
        JsonNode record = Json.parse(str(item, START_RECORD));
        String api = str(item, API_RECORD);
        return new StartRecord(record.get(ARN).asText(), record.get(NAME).asText(), record.get(MACHINE_ARN).asText(),
                text(record, REVISION_KEY), record.get(MACHINE_NAME).asText(), text(record, ROLE_ARN),
                Instant.parse(record.get(START).asText()), record.has(TIMEOUT) ? record.get(TIMEOUT).asInt() : null,
                record.get(LISTED).asText(), input, api == null ? null : Json.parse(api));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
