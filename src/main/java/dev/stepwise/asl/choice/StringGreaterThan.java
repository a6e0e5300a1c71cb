package dev.stepwise.asl.choice;

public final class StringGreaterThan extends StringComparison {
    @Override
    boolean holds(int order) {
        return order > 0;
    }
}
