package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import dev.stepwise.asl.TextSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** $pad, $join, $string, $substringBefore and $substringAfter, bounded (see {@link CheckedBuiltins}). */
final class CheckedStrings {
    static final Jsonata.JFunction PAD = CheckedBuiltins.builtin("pad", "<s-ns?:s>", (input, arguments) -> pad(arguments));
    static final Jsonata.JFunction JOIN = CheckedBuiltins.builtin("join", "<a<s>s?:s>", (input, arguments) -> join(arguments));
    static final Jsonata.JFunction STRING = CheckedBuiltins.builtin("string", "<x-b?:s>", (input, arguments) -> string(arguments));
    static final Jsonata.JFunction SUBSTRING_BEFORE = CheckedBuiltins.builtin("substringBefore", "<s-s:s>", (input, arguments) -> substring(arguments, true));
    static final Jsonata.JFunction SUBSTRING_AFTER = CheckedBuiltins.builtin("substringAfter", "<s-s:s>", (input, arguments) -> substring(arguments, false));

    private CheckedStrings() {
    }

    /**
     * $pad(str, width [, char]): str padded to |width| code points with char repeated, on the right
     * for a positive width and the left for a negative one.
     */
    private static String pad(List<?> arguments) {
        if (!(CheckedBuiltins.argument(arguments, 0) instanceof String text)) {
            return null;
        }
        int width = ((Number) CheckedBuiltins.argument(arguments, 1)).intValue();
        String fill = CheckedBuiltins.argument(arguments, 2) instanceof String given && !given.isEmpty() ? given : " ";
        long pads = Math.abs((long) width) - text.codePointCount(0, text.length());
        if (pads <= 0) {
            return text;
        }
        CheckedBuiltins.checkSize(text.length() + pads);
        StringBuilder padding = new StringBuilder();
        int codePoints = 0;
        int fillCodePoints = fill.codePointCount(0, fill.length());
        while (codePoints < pads) {
            padding.append(fill);
            codePoints += fillCodePoints;
        }
        String cut = padding.substring(0, padding.offsetByCodePoints(0, (int) pads));
        return width < 0 ? cut + text : text + cut;
    }

    private static String join(List<?> arguments) {
        Object strings = CheckedBuiltins.argument(arguments, 0);
        if (strings == null) {
            return null;
        }
        List<?> parts = strings instanceof List<?> list ? list : List.of(strings);
        String separator = CheckedBuiltins.argument(arguments, 1) instanceof String given ? given : "";
        long length = (long) Math.max(0, parts.size() - 1) * separator.length();
        for (Object part : parts) {
            length += ((String) part).length();
        }
        CheckedBuiltins.checkSize(length);
        List<String> texts = new ArrayList<>(parts.size());
        parts.forEach(part -> texts.add((String) part));
        return String.join(separator, texts);
    }

    /** $string(value [, prettify]): the library's own text, once its length is known to fit. */
    private static String string(List<?> arguments) {
        Object value = CheckedBuiltins.argument(arguments, 0);
        boolean prettify = Boolean.TRUE.equals(CheckedBuiltins.argument(arguments, 1));
        if (value == null || value instanceof String) {
            return (String) value;
        }
        CheckedBuiltins.checkSize(printedLength(value, prettify, 0, CheckedBuiltins.limit()));
        return Functions.string(value, prettify);
    }

    /**
     * At least as many characters as the library prints for the value (every character it might
     * escape counted at its longest escape, {@code \u0000}), stopping once past {@code limit}.
     */
    static long printedLength(Object value, boolean prettify, int level, long limit) {
        if (value instanceof String text) {
            long length = 2;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                length += c == '"' || c == '\\' ? 2 : c < ' ' || (c >= 128 && c < 160) || (c >= 8192 && c < 8448) ? 6 : 1;
            }
            return length;
        }
        boolean list = value instanceof List<?>;
        if (!list && !(value instanceof Map<?, ?>)) {
            return 25;
        }
        Iterable<?> elements = list ? (List<?>) value : ((Map<?, ?>) value).entrySet();
        long perElement = prettify ? 3 + 2L * (level + 1) : 1;
        long length = 2 + (prettify ? 1 + 2L * level : 0);
        for (Object element : elements) {
            if (element instanceof Map.Entry<?, ?> entry) {
                length += String.valueOf(entry.getKey()).length() + 4;
                element = entry.getValue();
            }
            length += perElement + printedLength(element, prettify, level + 1, limit - length);
            if (length > limit) {
                return length;
            }
        }
        return length;
    }

    private static String substring(List<?> arguments, boolean before) {
        if (!(CheckedBuiltins.argument(arguments, 0) instanceof String text)) {
            return null;
        }
        if (!(CheckedBuiltins.argument(arguments, 1) instanceof String chars)) {
            // The library's $substringBefore keeps the text when the separator is missing.
            return before ? text : null;
        }
        int at = TextSearch.indexOf(text, chars, 0);
        if (at < 0) {
            return text;
        }
        return before ? text.substring(0, at) : text.substring(at + chars.length());
    }
}
