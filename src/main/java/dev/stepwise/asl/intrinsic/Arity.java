package dev.stepwise.asl.intrinsic;

/** How many arguments a function takes; checked when the call is parsed. */
record Arity(int min, int max) {

    static Arity exactly(int count) {
        return new Arity(count, count);
    }

    static Arity atLeast(int count) {
        return new Arity(count, Integer.MAX_VALUE);
    }

    static Arity between(int min, int max) {
        return new Arity(min, max);
    }

    boolean accepts(int count) {
        return count >= min && count <= max;
    }

    String describe() {
        if (min == max) {
            return min == 1 ? "exactly 1 argument" : "exactly " + min + " arguments";
        }
        if (max == Integer.MAX_VALUE) {
            return min == 1 ? "at least 1 argument" : "at least " + min + " arguments";
        }
        return min + " to " + max + " arguments";
    }
}
