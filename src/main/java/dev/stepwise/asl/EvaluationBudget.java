package dev.stepwise.asl;

import java.util.function.Supplier;

/**
 * The time left to the evaluations of the step running on this thread, and the limits they work
 * under. The engine opens one per step, so everything a step evaluates, library code included,
 * shares one deadline and a poison step holds its thread for one bound at most.
 *
 * <p>A thread-local rather than a parameter because the deadline must reach code that cannot take
 * one: the JSONata library's callbacks and builtins, and a regular expression reading its input.
 * Evaluations started outside a step (a validator, a unit test) open their own.
 */
public final class EvaluationBudget {
    private static final ThreadLocal<EvaluationBudget> CURRENT = new ThreadLocal<>();

    private final EvaluationLimits limits;
    private final long deadlineNanos;

    private EvaluationBudget(EvaluationLimits limits) {
        this(limits, System.nanoTime() + limits.timeout().toNanos());
    }

    private EvaluationBudget(EvaluationLimits limits, long deadlineNanos) {
        this.limits = limits;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Runs {@code work} under a budget of {@code limits}, or under the budget already open on this
     * thread (a step's evaluations share the step's).
     */
    public static <T> T within(EvaluationLimits limits, Supplier<T> work) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        CURRENT.set(new EvaluationBudget(limits));
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** As {@link #within(EvaluationLimits, Supplier)} with the default limits when none is open. */
    public static <T> T within(Supplier<T> work) {
        return within(EvaluationLimits.defaults(), work);
    }

    /** The budget open on this thread; call only inside {@link #within}. */
    public static EvaluationBudget current() {
        EvaluationBudget budget = CURRENT.get();
        if (budget == null) {
            throw new IllegalStateException("no evaluation budget is open on this thread");
        }
        return budget;
    }

    public EvaluationLimits limits() {
        return limits;
    }

    /** @throws EvaluationLimitExceeded once the deadline has passed */
    public void checkTime() {
        if (remainingNanos() <= 0) {
            throw EvaluationLimitExceeded.timeout(limits.timeout());
        }
    }

    /**
     * A budget ending halfway to this one's deadline, for work that is rehearsed before library
     * code repeats it unwatched: the rehearsal and the repeat together stay within the deadline.
     */
    public EvaluationBudget half() {
        checkTime();
        return new EvaluationBudget(limits, System.nanoTime() + remainingNanos() / 2);
    }

    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }
}
