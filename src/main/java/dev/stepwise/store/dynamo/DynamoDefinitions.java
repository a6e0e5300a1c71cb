package dev.stepwise.store.dynamo;

import static dev.stepwise.store.DynamoTable.s;
import static dev.stepwise.store.DynamoTable.str;
import static dev.stepwise.store.TableLayout.*;

import dev.stepwise.asl.Json;
import dev.stepwise.store.Definitions;
import dev.stepwise.store.DynamoTable;
import dev.stepwise.store.Revision;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link Definitions} on the table: a revision's item under the ARN that runs it, its text compressed (and spilled) when large. */
public final class DynamoDefinitions implements Definitions {
    private final DynamoTable table;

    public DynamoDefinitions(DynamoTable table) {
        this.table = table;
    }

    @Override
    public String put(String arn, Revision revision) {
        String key = revision.key();
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(arn, REVISION + key));
        DynamoTable.putText(item, RECORD, Json.write(revision.toJson()));
        table.putIfAbsent(item); // the same key is the same content: an existing one is this one
        return key;
    }

    @Override
    public Optional<Revision> get(String arn, String revisionKey) {
        Map<String, AttributeValue> item = table.get(arn, REVISION + revisionKey, false);
        if (item == null) {
            item = table.get(arn, REVISION + revisionKey, true); // written just now
        }
        return Optional.ofNullable(item).map(found -> Revision.fromJson(Json.parse(table.text(found, RECORD))));
    }

    @Override
    public void makeCurrent(String arn, String revisionKey) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(arn, CURRENT_REVISION));
        item.put(REVISION_KEY, s(revisionKey));
        table.put(item);
    }

    @Override
    public Optional<String> current(String arn) {
        return Optional.ofNullable(table.get(arn, CURRENT_REVISION, true)).map(item -> str(item, REVISION_KEY));
    }
}
