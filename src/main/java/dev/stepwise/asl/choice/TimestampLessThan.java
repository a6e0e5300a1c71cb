package dev.stepwise.asl.choice;

public final class TimestampLessThan extends TimestampComparison {
    @Override
    boolean holds(int order) {
        return order < 0;
    }
}
