package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** $zip and $spread, bounded (see {@link CheckedBuiltins}). */
final class CheckedSequences {
    static final Jsonata.JFunction ZIP = CheckedBuiltins.builtin("zip", "<a+>", (input, arguments) -> zip(arguments));
    static final Jsonata.JFunction SPREAD = CheckedBuiltins.builtin("spread", "<x-:a<o>>", (input, arguments) -> spread(CheckedBuiltins.argument(arguments, 0)));

    private CheckedSequences() {
    }

    /** $zip(a1, a2, ...): as many tuples as the shortest array has members, each as long as there are arrays. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<?> zip(List<?> arguments) {
        long shortest = Long.MAX_VALUE;
        for (Object array : arguments) {
            shortest = Math.min(shortest, array instanceof List<?> list ? list.size() : 0);
        }
        CheckedBuiltins.checkSize(2 * shortest * (arguments.size() + 1));
        return Functions.zip(new Utils.JList(arguments));
    }

    /**
     * $spread(value): an object's fields as one-field objects, an array's members spread in turn.
     * The library appends by copying, once per member; this appends in place and gives the same value.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object spread(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<Object> fields = Utils.createSequence();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Map<Object, Object> field = new LinkedHashMap<>();
                field.put(entry.getKey(), entry.getValue());
                fields.add(field);
            }
            return fields;
        }
        if (!(value instanceof List<?> members)) {
            return value;
        }
        Object result = Utils.createSequence();
        boolean copied = false;
        for (Object member : members) {
            CheckedBuiltins.budget().checkTime();
            Object spread = spread(member);
            if (spread == null) {
                continue;
            }
            // Appending to an empty sequence hands back a range unchanged, as the library's append does.
            if (!copied && ((List<?>) result).isEmpty() && spread instanceof Utils.RangeList) {
                result = spread;
                continue;
            }
            if (!copied) {
                result = new Utils.JList((List) result);
                copied = true;
            }
            if (spread instanceof List<?> list) {
                ((List) result).addAll(list);
            } else {
                ((List) result).add(spread);
            }
            CheckedBuiltins.checkSize(2L * ((List<?>) result).size());
        }
        return result;
    }
}
