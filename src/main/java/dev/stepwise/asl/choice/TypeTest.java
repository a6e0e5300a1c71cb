package dev.stepwise.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The type-test operators (IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp). Their
 * operand is true or false: {@code "IsNumeric": false} matches every value that is not a number.
 */
public sealed interface TypeTest permits IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp {

    /** Whether the value has this type; the value is a MissingNode only for {@link IsPresent}. */
    boolean test(JsonNode value);

    /** Only IsPresent may evaluate a Variable that matches nothing; the others fail the execution. */
    default boolean acceptsAbsentVariable() {
        return false;
    }
}
