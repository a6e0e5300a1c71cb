package dev.stepwise.asl.choice;

import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.TextSearch;
import java.util.ArrayList;
import java.util.List;

/**
 * A StringMatches pattern. The States Language: "*" matches zero or more characters and "No
 * characters other than "*" have any special meaning during matching"; {@code \*} is a literal star
 * and {@code \\} a literal backslash, and "If an open escape backslash \ is found in the
 * StringMatches string, the interpreter will throw a runtime error."
 */
public final class WildcardPattern {
    /** The literal runs between the wildcards: "a*b*" gives [a, b, ""]. */
    private final List<String> literals;

    private WildcardPattern(List<String> literals) {
        this.literals = literals;
    }

    /** @throws StatesFailure States.Runtime when a backslash escapes neither "*" nor "\" */
    public static WildcardPattern compile(String pattern) {
        List<String> literals = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                literals.add(run.toString());
                run.setLength(0);
            } else if (c == '\\') {
                char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                if (next != '*' && next != '\\') {
                    throw new StatesFailure(StatesError.RUNTIME, "The StringMatches pattern '" + pattern
                            + "' has an open escape backslash at index " + i
                            + ": a backslash must be followed by '*' or '\\'.");
                }
                run.append(next);
                i++;
            } else {
                run.append(c);
            }
        }
        literals.add(run.toString());
        return new WildcardPattern(List.copyOf(literals));
    }

    /** Whether the whole text matches (not a substring of it). */
    public boolean matches(String text) {
        String first = literals.get(0);
        if (literals.size() == 1) {
            return text.equals(first);
        }
        String last = literals.get(literals.size() - 1);
        if (!text.startsWith(first) || text.length() - last.length() < first.length()) {
            return false;
        }
        // Taking each middle literal at its leftmost place leaves the most room for the rest.
        int from = first.length();
        int end = text.length() - last.length();
        for (String middle : literals.subList(1, literals.size() - 1)) {
            int at = TextSearch.indexOf(text, middle, from);
            if (at < 0 || at + middle.length() > end) {
                return false;
            }
            from = at + middle.length();
        }
        return text.endsWith(last);
    }
}
