package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import dev.stepwise.asl.EvaluationBudget;
import dev.stepwise.asl.EvaluationLimitExceeded;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSONata's builtins that the library would run without a bound, replaced by versions that check
 * the size of what they build before building it and the step's deadline while they work. Each is
 * bound under the builtin's own name and signature, so calls, partial application and context
 * arguments behave as before; only the unbounded cases change, into States.QueryEvaluationError.
 *
 * <p>Read from the library's source (com.dashjoin:jsonata 0.9.8), the unbounded ones are: $pad
 * (quadratic, any width), $join, $string and $replace (output many times their input), $match,
 * $contains, $replace and $split (regular expressions; string searches that are quadratic in the
 * worst case), $substringBefore and $substringAfter (the same searches), $zip (output many times
 * its input), $spread (quadratic), and the picture functions ($formatNumber, $formatInteger,
 * $fromMillis, $toMillis, $parseInteger, $now), whose pictures pad quadratically or become regular
 * expressions. Every other builtin does work in proportion to the size of its arguments, which
 * {@link JsonataGuard} keeps within the limit.
 */
final class CheckedBuiltins {
    static final Map<String, Jsonata.JFunction> ALL = Map.ofEntries(
            Map.entry("pad", CheckedStrings.PAD),
            Map.entry("join", CheckedStrings.JOIN),
            Map.entry("string", CheckedStrings.STRING),
            Map.entry("substringBefore", CheckedStrings.SUBSTRING_BEFORE),
            Map.entry("substringAfter", CheckedStrings.SUBSTRING_AFTER),
            Map.entry("match", CheckedRegex.MATCH),
            Map.entry("contains", CheckedRegex.CONTAINS),
            Map.entry("replace", CheckedRegex.REPLACE),
            Map.entry("split", CheckedRegex.SPLIT),
            Map.entry("zip", CheckedSequences.ZIP),
            Map.entry("spread", CheckedSequences.SPREAD),
            Map.entry("formatNumber", CheckedPictures.FORMAT_NUMBER),
            Map.entry("formatInteger", CheckedPictures.FORMAT_INTEGER),
            Map.entry("fromMillis", CheckedPictures.FROM_MILLIS),
            Map.entry("toMillis", CheckedPictures.TO_MILLIS),
            Map.entry("parseInteger", CheckedPictures.PARSE_INTEGER),
            Map.entry("now", CheckedPictures.NOW));

    /** The builtins that take a regular expression and bound it themselves. */
    static final Set<Object> REGEX_FUNCTIONS = Set.of(CheckedRegex.MATCH, CheckedRegex.CONTAINS, CheckedRegex.REPLACE,
            CheckedRegex.SPLIT);

    private CheckedBuiltins() {
    }

    static EvaluationBudget budget() {
        return EvaluationBudget.current();
    }

    /** The most characters (or list elements) a builtin may build. */
    static long limit() {
        return budget().limits().jsonataValueBytes();
    }

    /** @throws EvaluationLimitExceeded when {@code size} is past the limit */
    static void checkSize(long size) {
        if (size > limit()) {
            throw EvaluationLimitExceeded.jsonataMemory();
        }
    }

    /**
     * A builtin under its JSONata name, with the library's own function behind that name for what
     * the library reads off a function: its name (in signature errors, and in partial application,
     * which calls {@code $name}) and its number of arguments.
     */
    static Jsonata.JFunction builtin(String name, String libraryMethod, String signature, Jsonata.JFunctionCallable body) {
        return new Jsonata.JFunction(name, signature, Functions.class, null, libraryMethod) {
            @Override
            public Object call(Object input, List arguments) {
                try {
                    return body.call(input, arguments);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    static Jsonata.JFunction builtin(String name, String signature, Jsonata.JFunctionCallable body) {
        return builtin(name, name, signature, body);
    }

    static Object argument(List<?> arguments, int index) {
        return index < arguments.size() ? arguments.get(index) : null;
    }
}
