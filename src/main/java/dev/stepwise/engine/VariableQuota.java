package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.JsonSize;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import java.util.Iterator;
import java.util.Map;

/**
 * AWS's size limits on workflow variables ("Passing data between states with variables", Limits):
 * "The maximum size of a single variable is 256Kib"; "The maximum combined size for all variables
 * in a single Assign field is also 256Kib"; "The total size of all stored variables cannot exceed
 * 10MiB per execution". Sizes are those of the compact UTF-8 JSON text, as for payloads. The total
 * is counted over the variables the state sees after its Assign (its own scope and the enclosing
 * ones); sibling Map iterations or Parallel branches are not added together.
 */
final class VariableQuota {
    static final long MAX_VARIABLE_BYTES = 256 * 1024;
    static final long MAX_ASSIGN_BYTES = 256 * 1024;
    static final long MAX_TOTAL_BYTES = 10L * 1024 * 1024;

    private VariableQuota() {
    }

    /** Fails the state with States.DataLimitExceeded when its Assign breaks one of the limits. */
    static void check(String stateName, JsonNode assigned, Variables after) {
        if (assigned == null || assigned.isEmpty()) {
            return;
        }
        long assignTotal = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = assigned.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            long size = JsonSize.size(field.getValue(), MAX_VARIABLE_BYTES);
            if (size > MAX_VARIABLE_BYTES) {
                throw new StatesFailure(StatesError.DATA_LIMIT_EXCEEDED, Causes.variableTooLarge(stateName, field.getKey()));
            }
            assignTotal += size;
        }
        if (assignTotal > MAX_ASSIGN_BYTES) {
            throw new StatesFailure(StatesError.DATA_LIMIT_EXCEEDED, Causes.assignTooLarge(stateName));
        }
        long total = 0;
        for (JsonNode value : after.values().values()) {
            total += JsonSize.size(value, MAX_TOTAL_BYTES - total);
            if (total > MAX_TOTAL_BYTES) {
                throw new StatesFailure(StatesError.DATA_LIMIT_EXCEEDED, Causes.variablesTooLarge(stateName));
            }
        }
    }
}
