package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import dev.stepwise.asl.EvaluationLimitExceeded;
import dev.stepwise.asl.EvaluationLimits;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The size of a JSONata value in bytes of its compact JSON text (strings counted in characters),
 * and how deeply it nests, measured after every evaluation step so no value outgrows its limit.
 *
 * <p>A value can be small in memory and huge as JSON: {@code [$x, $x]} holds $x twice, and thirty
 * such doublings make a value that printing or comparing would never finish. Measuring the JSON
 * size catches that at the doubling that passes the limit. Containers measured once are remembered
 * by identity (weakly, so garbage stays garbage), which keeps a big input read again and again from
 * being measured again and again. A list is remembered with its length and a map with its keys'
 * values' identities, so the library appending to a list or a transform replacing a field is seen.
 */
final class ValueSizes {
    /** Cheaper to measure again than to remember. */
    private static final long REMEMBER_FROM = 512;
    private static final int MAX_REMEMBERED = 1 << 16;
    private static final int LONGEST_DOUBLE = 24;
    /**
     * An input as deep as JSON may be sits a few levels down in {@code $states}
     * ({@code $states.context.Execution.Input}); the engine holds the state's output to the JSON limit.
     */
    private static final int MAX_DEPTH = EvaluationLimits.MAX_NESTING_DEPTH + 8;

    private final long limit;
    private final Map<Integer, Remembered> remembered = new HashMap<>();
    /** How deeply the value measured last nests ({@code []} is 1). */
    private int lastDepth;

    ValueSizes(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /**
     * @return the size in bytes
     * @throws EvaluationLimitExceeded when the value is larger than the limit or nests deeper than
     *     {@link EvaluationLimits#MAX_NESTING_DEPTH}
     */
    long measure(Object value) {
        long size = measure(value, 0);
        if (size > limit) {
            throw EvaluationLimitExceeded.jsonataMemory();
        }
        return size;
    }

    private long measure(Object value, int depth) {
        lastDepth = 0;
        if (value instanceof String text) {
            return text.length() + 2L;
        }
        if (value instanceof List<?> list) {
            return container(list, list.size(), depth);
        }
        if (value instanceof Map<?, ?> map) {
            return container(map, map.size(), depth);
        }
        if (value instanceof Boolean || value == null || value == Jsonata.NULL_VALUE) {
            return 5;
        }
        return value instanceof Number number ? digits(number) : 2;
    }

    /** The length of a number as JSON: exact for whole numbers, the longest double otherwise. */
    private static long digits(Number number) {
        double value = number.doubleValue();
        if (value != Math.rint(value) || Math.abs(value) >= 1e15) {
            return LONGEST_DOUBLE;
        }
        long whole = Math.abs((long) value);
        long length = value < 0 ? 2 : 1;
        while (whole >= 10) {
            whole /= 10;
            length++;
        }
        return length;
    }

    private long container(Object container, int length, int depth) {
        if (depth >= MAX_DEPTH) {
            throw EvaluationLimitExceeded.jsonataMemory();
        }
        // Every element takes at least two bytes (itself and a comma), so a long list fails at once.
        if (2L * length > limit) {
            return limit + 1;
        }
        int key = System.identityHashCode(container);
        long fingerprint = fingerprint(container, length);
        Remembered known = remembered.get(key);
        if (known != null && known.value.get() == container && known.fingerprint == fingerprint
                && depth + known.depth <= MAX_DEPTH) {
            lastDepth = known.depth;
            return known.size;
        }
        long size = 2;
        int deepest = 0;
        Iterable<?> elements = container instanceof List<?> list ? list : ((Map<?, ?>) container).entrySet();
        for (Object element : elements) {
            if (element instanceof Map.Entry<?, ?> entry) {
                size += String.valueOf(entry.getKey()).length() + 4 + measure(entry.getValue(), depth + 1);
            } else {
                size += 1 + measure(element, depth + 1);
            }
            if (size > limit) {
                return size;
            }
            deepest = Math.max(deepest, lastDepth);
        }
        lastDepth = deepest + 1;
        if (size >= REMEMBER_FROM) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(new WeakReference<>(container), fingerprint, size, lastDepth));
        }
        return size;
    }

    /** A list by its length; a map by its length and its values' identities (a transform replaces values). */
    private static long fingerprint(Object container, int length) {
        if (container instanceof List<?>) {
            return length;
        }
        long sum = length;
        for (Object value : ((Map<?, ?>) container).values()) {
            sum = sum * 31 + System.identityHashCode(value);
        }
        return sum;
    }

    private record Remembered(WeakReference<Object> value, long fingerprint, long size, int depth) {
    }
}
