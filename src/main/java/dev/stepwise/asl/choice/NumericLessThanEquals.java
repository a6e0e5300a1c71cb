package dev.stepwise.asl.choice;

public final class NumericLessThanEquals extends NumericComparison {
    @Override
    boolean holds(int order) {
        return order <= 0;
    }
}
