package dev.stepwise.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS requests the adapters make, per service and operation ("DynamoDb.PutItem"), so
 * the bench can report requests per transition — the number the cost model is built on. Counted
 * once per API call, not per HTTP attempt: retries of a throttled call cost no extra request fee.
 */
public final class RequestCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Requests so far by "Service.Operation", sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** Requests so far to one service ("DynamoDb", "Sqs"; the SDK's service names), over all its operations. */
    public long total(String service) {
        long total = 0;
        for (Map.Entry<String, LongAdder> entry : counts.entrySet()) {
            if (entry.getKey().startsWith(service + ".")) {
                total += entry.getValue().sum();
            }
        }
        return total;
    }

    public long count(String serviceDotOperation) {
        LongAdder adder = counts.get(serviceDotOperation);
        return adder == null ? 0 : adder.sum();
    }

    public void reset() {
        counts.clear();
    }
}
