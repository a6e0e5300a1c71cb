package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The Timestamp comparators: both sides must be strings that are {@link Timestamps}; they compare
 * as instants, so "2016-03-14T01:59:00Z" equals "2016-03-14T02:59:00+01:00". A string that is not
 * a timestamp makes the comparison false, as any value of the wrong type does.
 */
public abstract sealed class TimestampComparison implements ComparisonOperator
        permits TimestampEquals, TimestampLessThan, TimestampGreaterThan, TimestampLessThanEquals,
        TimestampGreaterThanEquals {

    @Override
    public final boolean test(JsonNode value, JsonNode operand) {
        Optional<Instant> left = Timestamps.parse(value);
        Optional<Instant> right = Timestamps.parse(operand);
        return left.isPresent() && right.isPresent() && holds(left.get().compareTo(right.get()));
    }

    /** Whether the order of the Variable's instant relative to the operand's satisfies this operator. */
    abstract boolean holds(int order);

    @Override
    public final boolean acceptsLiteral(JsonNode operand) {
        return Timestamps.parse(operand).isPresent();
    }

    @Override
    public final String operandType() {
        return "a timestamp string such as \"2016-03-14T01:59:00Z\"";
    }
}
