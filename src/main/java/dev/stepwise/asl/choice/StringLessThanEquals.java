package dev.stepwise.asl.choice;

public final class StringLessThanEquals extends StringComparison {
    @Override
    boolean holds(int order) {
        return order <= 0;
    }
}
