package dev.stepwise.asl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finding one text in another within the step's deadline. String.indexOf compares the needle at
 * every position of the text, so a long needle that almost matches everywhere ({@code aaa…ab} in
 * {@code aaa…a}) costs the product of their lengths: past a few million comparisons the search runs
 * as a literal pattern over text that checks the deadline as it is read.
 */
public final class TextSearch {
    /** Below this many character comparisons String.indexOf is fast whatever the text. */
    private static final long PLAIN_SEARCH_WORK = 50_000_000;

    private TextSearch() {
    }

    /** As {@link String#indexOf(String, int)}. */
    public static int indexOf(String text, String needle, int from) {
        if ((long) Math.max(0, text.length() - from) * needle.length() <= PLAIN_SEARCH_WORK) {
            return text.indexOf(needle, from);
        }
        return EvaluationBudget.within(() -> {
            Matcher matcher = Pattern.compile(needle, Pattern.LITERAL)
                    .matcher(new DeadlineCharSequence(text, EvaluationBudget.current()));
            return matcher.find(Math.max(0, from)) ? matcher.start() : -1;
        });
    }
}
