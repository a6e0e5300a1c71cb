package dev.stepwise.tasks.mock;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger in this process: for the in-memory runners, which keep nothing across a restart either. */
public final class InMemoryMockLedger implements MockLedger {
    private final Map<String, TestCaseSelection> selections = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> invocations = new ConcurrentHashMap<>();

    @Override
    public void select(String executionArn, TestCaseSelection selection) {
        selections.putIfAbsent(executionArn, selection);
    }

    @Override
    public Optional<TestCaseSelection> selection(String executionArn) {
        return Optional.ofNullable(selections.get(executionArn));
    }

    @Override
    public int invocation(String executionArn, String stateName, String idempotencyKey) {
        Map<String, Integer> numbers = invocations.computeIfAbsent(executionArn + "\n" + stateName, k -> new HashMap<>());
        synchronized (numbers) {
            return numbers.computeIfAbsent(idempotencyKey, k -> numbers.size());
        }
    }
}
