package dev.stepwise.asl.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known word a misspelt one was most likely meant to be — {@code Pas} →
 * {@code Pass}, {@code Nxt} → {@code Next}, {@code NumericGreaterThen} → {@code NumericGreaterThan},
 * {@code --imput} → {@code --input}. A word is close when it differs by case alone, or by a few
 * letters inserted, deleted, changed or swapped (one for short words, up to three for long ones).
 */
public final class Spelling {
    /** Longer words are not looked at: names in definitions are short, and the distance costs length squared. */
    private static final int MAX_WORD = 100;

    private Spelling() {
    }

    /** The closest of {@code known} (of equally close ones, the first in alphabetical order), if any is close enough. */
    public static Optional<String> closest(String word, Collection<String> known) {
        if (word.length() > MAX_WORD || word.chars().noneMatch(Character::isLetter)) {
            // "2.0" for "1.0" is another value, not a slip of the keyboard.
            return Optional.empty();
        }
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String other = candidate.toLowerCase(Locale.ROOT);
            if (Math.abs(other.length() - lower.length()) > allowed(Math.min(lower.length(), other.length()))) {
                continue; // too far apart to be a slip of the keyboard (and the distance is at least this)
            }
            int distance = other.equals(lower) ? 0 : distance(lower, other);
            if (distance < bestDistance || distance == bestDistance && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null || best.equals(word) || bestDistance > allowed(Math.min(word.length(), best.length()))) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** {@code " (did you mean 'X'?)"}, or nothing: wording to add after a message. */
    public static String suggestion(String word, Collection<String> known) {
        return closest(word, known).map(Findings::didYouMean).orElse("");
    }

    private static int allowed(int length) {
        if (length <= 2) {
            return 0;
        }
        return length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
