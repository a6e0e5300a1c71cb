package dev.stepwise.tasks.mock;

/**
 * A key of a mocked response: one invocation number ({@code "0"}) or an inclusive range
 * ({@code "1-2"}), counted from 0 for the first invocation of the state in an execution.
 */
public record InvocationRange(int first, int last) {

    public InvocationRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("an invocation range runs from a number to one at least as large, not "
                    + first + "-" + last);
        }
    }

    /** Reads {@code "3"} or {@code "0-2"}; null when the key is neither. */
    static InvocationRange parse(String key) {
        if (key.matches("\\d{1,9}")) {
            int n = Integer.parseInt(key);
            return new InvocationRange(n, n);
        }
        if (key.matches("\\d{1,9}-\\d{1,9}")) {
            int dash = key.indexOf('-');
            int first = Integer.parseInt(key.substring(0, dash));
            int last = Integer.parseInt(key.substring(dash + 1));
            return last < first ? null : new InvocationRange(first, last);
        }
        return null;
    }

    boolean contains(int invocation) {
        return invocation >= first && invocation <= last;
    }

    boolean overlaps(InvocationRange other) {
        return first <= other.last && other.first <= last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
