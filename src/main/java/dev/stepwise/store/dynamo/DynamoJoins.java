package dev.stepwise.store.dynamo;

import static dev.stepwise.store.DynamoTable.n;
import static dev.stepwise.store.DynamoTable.num;
import static dev.stepwise.store.DynamoTable.s;
import static dev.stepwise.store.DynamoTable.str;
import static dev.stepwise.store.TableLayout.*;

import dev.stepwise.asl.Json;
import dev.stepwise.store.DynamoTable;
import dev.stepwise.store.JoinCount;
import dev.stepwise.store.Joins;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link Joins} on the join step's item: one conditional update counts a branch and records its
 * index in a number set, so a branch counted again is refused by the condition, not counted twice.
 */
public final class DynamoJoins implements Joins {
    private final DynamoTable table;

    public DynamoJoins(DynamoTable table) {
        this.table = table;
    }

    @Override
    public JoinCount countBranch(String executionArn, String joinKey, int index, boolean failed) {
        try {
            var response = table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(executionArn, joinKey))
                    .updateExpression("ADD " + JOIN_DONE + " :one, " + JOIN_FAILED + " :f, " + JOIN_COUNTED + " :idx")
                    .conditionExpression("attribute_exists(" + PK + ") AND NOT contains(" + JOIN_COUNTED + ", :i)")
                    .expressionAttributeValues(Map.of(":one", n(1), ":f", n(failed ? 1 : 0),
                            ":idx", AttributeValue.fromNs(List.of(String.valueOf(index))), ":i", n(index)))
                    .returnValues(ReturnValue.ALL_NEW));
            return joinCount(response.attributes(), true);
        } catch (ConditionalCheckFailedException counted) {
            Map<String, AttributeValue> current = counted.item();
            if (current == null || current.isEmpty()) {
                current = table.get(executionArn, joinKey, true);
            }
            if (current == null) {
                throw new IllegalStateException("the join " + joinKey + " of " + executionArn + " does not exist");
            }
            return joinCount(current, false);
        }
    }

    private JoinCount joinCount(Map<String, AttributeValue> item, boolean fresh) {
        return new JoinCount((int) num(item, JOIN_DONE), (int) num(item, JOIN_FAILED), fresh, str(item, JOIN_STATE),
                Json.parse(table.text(item, BODY)));
    }

    @Override
    public boolean closeJoin(String executionArn, String joinKey, String state, String error, String cause) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", s(state));
        values.put(":e", error == null ? AttributeValue.fromNul(true) : s(error));
        values.put(":c", cause == null ? AttributeValue.fromNul(true) : s(cause));
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(DynamoTable.key(executionArn, joinKey))
                    .updateExpression("SET #state = :s, " + JOIN_ERROR + " = :e, " + JOIN_CAUSE + " = :c")
                    .conditionExpression("attribute_exists(" + PK + ") AND attribute_not_exists(#state)")
                    .expressionAttributeNames(Map.of("#state", JOIN_STATE))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException closed) {
            return false;
        }
    }
}
