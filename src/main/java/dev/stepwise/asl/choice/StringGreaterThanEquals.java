package dev.stepwise.asl.choice;

public final class StringGreaterThanEquals extends StringComparison {
    @Override
    boolean holds(int order) {
        return order >= 0;
    }
}
