package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import dev.stepwise.asl.EvaluationLimitExceeded;
import java.util.List;
import java.util.Map;

/**
 * The functions that take a picture string ($formatNumber, $formatInteger, $fromMillis, $now,
 * $toMillis, $parseInteger), run by the library once the picture is known to be harmless: the
 * library pads to a picture's width quadratically, writes roman numerals recursively, and parses a
 * timestamp with a regular expression made from the picture, which backtracks once per way of
 * splitting the text between adjacent components.
 */
final class CheckedPictures {
    static final Jsonata.JFunction FORMAT_NUMBER = CheckedBuiltins.builtin("formatNumber", "<n-so?:s>", (input, arguments) -> Functions.formatNumber(
            (Number) arg(arguments, 0), picture(arguments, 1), (Map<?, ?>) arg(arguments, 2)));
    static final Jsonata.JFunction FORMAT_INTEGER = CheckedBuiltins.builtin("formatInteger", "<n-s:s>", (input, arguments) -> formatInteger(arguments));
    static final Jsonata.JFunction FROM_MILLIS = CheckedBuiltins.builtin("fromMillis", "dateTimeFromMillis", "<n-s?s?:s>", (input, arguments) -> Functions.dateTimeFromMillis(
            (Number) arg(arguments, 0), picture(arguments, 1), (String) arg(arguments, 2)));
    static final Jsonata.JFunction NOW = CheckedBuiltins.builtin("now", "<s?s?:s>", (input, arguments) -> Functions.now(picture(arguments, 0), (String) arg(arguments, 1)));
    static final Jsonata.JFunction TO_MILLIS = CheckedBuiltins.builtin("toMillis", "dateTimeToMillis", "<s-s?:n>", (input, arguments) -> toMillis(arguments));
    static final Jsonata.JFunction PARSE_INTEGER = CheckedBuiltins.builtin("parseInteger", "<s-s:n>", (input, arguments) -> Utils.convertNumber(
            Functions.parseInteger((String) arg(arguments, 0), picture(arguments, 1))));

    /** Far longer than any date or number picture, short enough that padding to it is instant. */
    static final int MAX_PICTURE_LENGTH = 1024;
    /** The widest a {@code [Y,min-max]} width modifier may ask a component to be padded. */
    static final int MAX_WIDTH = 1024;
    /** Roman numerals are written one recursion per thousand. */
    static final long MAX_ROMAN = 1_000_000;
    /** How many ways of splitting a timestamp between its picture's components a parse may try. */
    static final double MAX_PARSE_SPLITS = 1e7;

    private CheckedPictures() {
    }

    static Object arg(List<?> arguments, int index) {
        return CheckedBuiltins.argument(arguments, index);
    }

    /** The picture argument, refused when it is long or asks for a wide component. */
    static String picture(List<?> arguments, int index) {
        if (!(arg(arguments, index) instanceof String picture)) {
            return null;
        }
        if (picture.length() > MAX_PICTURE_LENGTH || widestModifier(picture) > MAX_WIDTH) {
            throw EvaluationLimitExceeded.jsonataMemory();
        }
        return picture;
    }

    /** The largest number in a width modifier ({@code [M,3-5]}, {@code [Y,*-4]}), or 0. */
    private static long widestModifier(String picture) {
        long widest = 0;
        boolean inModifier = false;
        long number = 0;
        for (int i = 0; i < picture.length(); i++) {
            char c = picture.charAt(i);
            if (c == ',') {
                inModifier = true;
            } else if (c == ']' || c == '[') {
                inModifier = false;
            }
            if (inModifier && c >= '0' && c <= '9') {
                number = Math.min(number * 10 + (c - '0'), Integer.MAX_VALUE);
                widest = Math.max(widest, number);
            } else {
                number = 0;
            }
        }
        return widest;
    }

    private static String formatInteger(List<?> arguments) {
        Number value = (Number) arg(arguments, 0);
        String picture = picture(arguments, 1);
        if (value != null && picture != null && picture.trim().toLowerCase().startsWith("i")
                && Math.abs(value.doubleValue()) > MAX_ROMAN) {
            throw EvaluationLimitExceeded.jsonataMemory();
        }
        return Functions.formatInteger(value, picture);
    }

    private static Object toMillis(List<?> arguments) throws Exception {
        String timestamp = (String) arg(arguments, 0);
        String picture = picture(arguments, 1);
        if (timestamp != null && picture != null && parseSplits(timestamp.length(), picture) > MAX_PARSE_SPLITS) {
            throw EvaluationLimitExceeded.timeout(CheckedBuiltins.budget().limits().timeout());
        }
        Long millis = Functions.dateTimeToMillis(timestamp, picture);
        return millis == null ? null : Utils.convertNumber(millis);
    }

    /**
     * An upper bound on the ways a text of {@code length} characters splits between the picture's
     * runs of adjacent components ({@code [Y][M][D]}: three parts, no literal between them), which is
     * what the library's regular expression tries before it gives up on a text that does not match.
     */
    static double parseSplits(int length, String picture) {
        double splits = 1;
        int run = 0;
        for (int i = 0; i < picture.length(); i++) {
            char c = picture.charAt(i);
            if (c == '[' && i + 1 < picture.length() && picture.charAt(i + 1) == '[') {
                run = 0;
                i++;
            } else if (c == '[') {
                run++;
                splits *= run == 1 ? 1 : binomial(length + run - 1, run - 1) / binomial(length + run - 2, run - 2);
                int close = picture.indexOf(']', i);
                i = close < 0 ? picture.length() : close;
            } else {
                run = 0;
            }
        }
        return splits;
    }

    private static double binomial(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
