package dev.stepwise.asl;

/**
 * Text that a regular expression reads while the step's deadline is checked: java.util.regex can
 * backtrack exponentially ({@code (.*x){15}y} on 27 characters ran 16 seconds), and reading its
 * input is the only point where its work can be stopped. Every few thousand reads look at the clock.
 */
public final class DeadlineCharSequence implements CharSequence {
    private static final int READS_BETWEEN_CHECKS = 4096;

    private final String text;
    private final EvaluationBudget budget;
    private int reads;

    public DeadlineCharSequence(String text, EvaluationBudget budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (++reads >= READS_BETWEEN_CHECKS) {
            reads = 0;
            budget.checkTime();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** A plain substring: what a match hands back holds no deadline. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
