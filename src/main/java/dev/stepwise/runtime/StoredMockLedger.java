package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.store.ItemKind;
import dev.stepwise.store.StepItems;
import dev.stepwise.store.TableLayout;
import dev.stepwise.store.StoredItem;
import dev.stepwise.tasks.mock.MockLedger;
import dev.stepwise.tasks.mock.TestCaseSelection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger in the execution's own items, so it survives a restart of {@code serve --data-dir}
 * and is shared by every worker: {@code "M#CASE"} holds the test case, and invocation n of a
 * state is the item {@code "M#I#" + state + "#" + n} holding the idempotency key of the attempt
 * that claimed it (a conditional put, so two workers never get one number). The state's name is
 * base64url-encoded in the key: names may contain '#'.
 */
public final class StoredMockLedger implements MockLedger {
    static final String CASE = TableLayout.MOCK_CASE;
    static final String INVOCATION = TableLayout.MOCK_INVOCATION;
    private static final ItemKind KIND = ItemKind.MOCK;
    private static final int CACHE = 1024;

    private final StepItems store;
    private final Map<String, Optional<TestCaseSelection>> selections = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<TestCaseSelection>> eldest) {
                    return size() > CACHE;
                }
            });

    public StoredMockLedger(StepItems store) {
        this.store = store;
    }

    @Override
    public void select(String executionArn, TestCaseSelection selection) {
        store.putIfAbsent(executionArn, StoredItem.of(CASE, KIND, Json.object()
                .put("machine", selection.stateMachineName()).put("case", selection.testCase())));
        selections.remove(executionArn);
    }

    /** Cached, absent answers too: a test case is recorded before its execution starts, so none appears later. */
    @Override
    public Optional<TestCaseSelection> selection(String executionArn) {
        Optional<TestCaseSelection> cached = selections.get(executionArn);
        if (cached != null) {
            return cached;
        }
        Optional<TestCaseSelection> found = store.item(executionArn, CASE).map(item ->
                new TestCaseSelection(item.body().get("machine").asText(), item.body().get("case").asText()));
        selections.put(executionArn, found);
        return found;
    }

    @Override
    public int invocation(String executionArn, String stateName, String idempotencyKey) {
        String prefix = INVOCATION + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(stateName.getBytes(StandardCharsets.UTF_8)) + "#";
        var claimed = store.items(executionArn, prefix);
        for (StoredItem item : claimed) {
            if (idempotencyKey.equals(item.body().path("key").asText())) {
                return number(item.key(), prefix);
            }
        }
        JsonNode body = Json.object().put("key", idempotencyKey);
        for (int n = claimed.size(); ; n++) {
            String key = prefix + String.format("%09d", n);
            if (store.putIfAbsent(executionArn, StoredItem.of(key, KIND, body))) {
                return n;
            }
            // Lost the number to a concurrent attempt — or to this same attempt on another delivery.
            Optional<StoredItem> holder = store.item(executionArn, key);
            if (holder.isPresent() && idempotencyKey.equals(holder.get().body().path("key").asText())) {
                return n;
            }
        }
    }

    private static int number(String key, String prefix) {
        return Integer.parseInt(key.substring(prefix.length()));
    }
}
