package dev.stepwise.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import dev.stepwise.asl.DeadlineCharSequence;
import dev.stepwise.asl.TextSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * $match, $contains, $replace and $split, which take a regular expression: the library compiles it
 * (java.util.regex, as today, so patterns mean what they meant) and this class runs it over text
 * that checks the step's deadline as it is read. What they build is checked as it grows. They keep
 * the library's results, its quirks included ($match's limit, $replace's group handling).
 */
final class CheckedRegex {
    static final Jsonata.JFunction MATCH = CheckedBuiltins.builtin("match", "<s-f<s:o>n?:a<o>>", (input, arguments) -> match(arguments));
    static final Jsonata.JFunction CONTAINS = CheckedBuiltins.builtin("contains", "<s-(sf):b>", (input, arguments) -> contains(arguments));
    static final Jsonata.JFunction REPLACE = CheckedBuiltins.builtin("replace", "<s-(sf)(sf)n?:s>", (input, arguments) -> replace(arguments));
    static final Jsonata.JFunction SPLIT = CheckedBuiltins.builtin("split", "<s-(sf)n?:a<s>>", (input, arguments) -> split(arguments));
    /** The library retries a replacement this often, each time without a group it does not have. */
    private static final int GROUP_RETRIES = 10;

    private CheckedRegex() {
    }

    private static Matcher matcher(Pattern pattern, String text) {
        return pattern.matcher(new DeadlineCharSequence(text, CheckedBuiltins.budget()));
    }

    private static Boolean contains(List<?> arguments) {
        if (!(CheckedBuiltins.argument(arguments, 0) instanceof String text)) {
            return null;
        }
        Object token = CheckedBuiltins.argument(arguments, 1);
        if (token instanceof String literal) {
            return TextSearch.indexOf(text, literal, 0) >= 0;
        }
        return matcher((Pattern) token, text).find();
    }

    private static List<Object> match(List<?> arguments) {
        if (!(CheckedBuiltins.argument(arguments, 0) instanceof String text)) {
            return null;
        }
        Number limitArgument = (Number) CheckedBuiltins.argument(arguments, 2);
        if (limitArgument != null && limitArgument.intValue() < 0) {
            throw new JException("D3040", -1, limitArgument);
        }
        // The library keeps one match past its limit; so does this.
        int last = limitArgument == null ? Integer.MAX_VALUE : limitArgument.intValue();
        List<Object> results = Utils.createSequence();
        Matcher matcher = matcher((Pattern) CheckedBuiltins.argument(arguments, 1), text);
        long size = 0;
        for (int i = 0; matcher.find(); i++) {
            List<String> groups = new ArrayList<>();
            for (int g = 1; g <= matcher.groupCount(); g++) {
                groups.add(matcher.group(g));
                size += matcher.end(g) - matcher.start(g) + 3L;
            }
            size += matcher.end() - matcher.start() + 40L;
            CheckedBuiltins.checkSize(size);
            Map<String, Object> found = new LinkedHashMap<>();
            found.put("match", matcher.group());
            found.put("index", matcher.start());
            found.put("groups", groups);
            results.add(found);
            if (i >= last) {
                break;
            }
        }
        return results;
    }

    private static String replace(List<?> arguments) {
        if (!(CheckedBuiltins.argument(arguments, 0) instanceof String text)) {
            return null;
        }
        Object pattern = CheckedBuiltins.argument(arguments, 1);
        Object replacement = CheckedBuiltins.argument(arguments, 2);
        Number limit = (Number) CheckedBuiltins.argument(arguments, 3);
        if (pattern instanceof String literal && literal.isEmpty()) {
            throw new JException("Second argument of replace function cannot be an empty string", 0);
        }
        if (limit == null) {
            return pattern instanceof String literal
                    ? replaceLiteral(text, literal, (String) replacement)
                    : replaceAll(text, (Pattern) pattern, replacement);
        }
        if (limit.intValue() < 0) {
            throw new JException("Fourth argument of replace function must evaluate to a positive number", 0);
        }
        // With a limit the library takes a string pattern as a regular expression (String.replaceFirst).
        Pattern regex = pattern instanceof String literal ? Pattern.compile(literal) : (Pattern) pattern;
        String javaReplacement = pattern instanceof String ? (String) replacement : javaReplacement((String) replacement);
        String result = text;
        for (int i = 0; i < limit.intValue(); i++) {
            CheckedBuiltins.budget().checkTime();
            String next = replaceMatches(result, regex, javaReplacement, 1);
            if (next.equals(result)) {
                break;
            }
            result = next;
        }
        return result;
    }

    private static String replaceLiteral(String text, String literal, String replacement) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = TextSearch.indexOf(text, literal, 0); at >= 0; at = TextSearch.indexOf(text, literal, from)) {
            out.append(text, from, at).append(replacement);
            CheckedBuiltins.checkSize(out.length());
            from = at + literal.length();
        }
        return out.append(text, from, text.length()).toString();
    }

    private static String replaceAll(String text, Pattern pattern, Object replacement) {
        if (replacement instanceof String given) {
            return replaceMatches(text, pattern, javaReplacement(given), Integer.MAX_VALUE);
        }
        Matcher matcher = matcher(pattern, text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object replaced;
            try {
                replaced = Functions.funcApply(replacement, List.of(jsonataMatch(matcher.toMatchResult())));
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (!(replaced instanceof String string)) {
                throw new JException("D3012", -1);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(string));
            CheckedBuiltins.checkSize(out.length());
        }
        return matcher.appendTail(out).toString();
    }

    /**
     * Up to {@code count} matches replaced. A reference to a group the pattern lacks is dropped and
     * the replacement tried again, as the library does.
     */
    private static String replaceMatches(String text, Pattern pattern, String javaReplacement, int count) {
        String replacement = javaReplacement;
        for (int attempt = 0; ; attempt++) {
            try {
                Matcher matcher = matcher(pattern, text);
                StringBuilder out = new StringBuilder();
                for (int n = 0; n < count && matcher.find(); n++) {
                    matcher.appendReplacement(out, replacement);
                    CheckedBuiltins.checkSize(out.length());
                }
                return matcher.appendTail(out).toString();
            } catch (IndexOutOfBoundsException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.contains("No group") || attempt >= GROUP_RETRIES) {
                    throw e;
                }
                replacement = replacement.replace("$" + message.charAt(message.length() - 1), "");
            }
        }
    }

    /** JSONata's {@code $$} is a literal dollar and a {@code $} not before a group number is too. */
    private static String javaReplacement(String replacement) {
        return replacement.replaceAll("\\$\\$", "\\\\\\$")
                .replaceAll("([^\\\\]|^)\\$([^0-9^<])", "$1\\\\\\$$2")
                .replaceAll("\\$$", "\\\\\\$");
    }

    /** What a replacement function receives: the match and its groups, group 0 first. */
    private static Map<String, Object> jsonataMatch(MatchResult match) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("match", match.group());
        List<String> groups = new ArrayList<>();
        for (int i = 0; i <= match.groupCount(); i++) {
            groups.add(match.group(i));
        }
        result.put("groups", groups);
        return result;
    }

    private static List<String> split(List<?> arguments) {
        if (!(CheckedBuiltins.argument(arguments, 0) instanceof String text)) {
            return null;
        }
        Number limitArgument = (Number) CheckedBuiltins.argument(arguments, 2);
        if (limitArgument != null && limitArgument.intValue() < 0) {
            throw new JException("D3020", -1, text);
        }
        int limit = limitArgument == null ? Integer.MAX_VALUE : limitArgument.intValue();
        List<String> parts = new ArrayList<>();
        Object separator = CheckedBuiltins.argument(arguments, 1);
        if (limit == 0) {
            return parts;
        }
        if (separator instanceof String literal && literal.isEmpty()) {
            for (int i = 0; i < text.length() && i < limit; i++) {
                parts.add(String.valueOf(text.charAt(i)));
            }
            return parts;
        }
        if (separator instanceof String literal) {
            int from = 0;
            for (int at = TextSearch.indexOf(text, literal, 0); at >= 0; at = TextSearch.indexOf(text, literal, from)) {
                parts.add(text.substring(from, at));
                from = at + literal.length();
            }
            parts.add(text.substring(from));
        } else {
            for (String part : ((Pattern) separator).split(new DeadlineCharSequence(text, CheckedBuiltins.budget()), -1)) {
                parts.add(part);
            }
        }
        return limit < parts.size() ? new ArrayList<>(parts.subList(0, limit)) : parts;
    }
}
