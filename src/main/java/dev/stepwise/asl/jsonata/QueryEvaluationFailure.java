package dev.stepwise.asl.jsonata;

import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;

/**
 * States.QueryEvaluationError raised by a JSONata expression, carrying the field it was written in.
 * AWS records such a failure twice: an EvaluationFailed history event whose details hold
 * {@code error}, {@code cause}, {@code location} (this field, e.g. {@code Output/result}) and
 * {@code state}, and then the state's failure with the same error and cause.
 */
public final class QueryEvaluationFailure extends StatesFailure {
    private final String location;

    QueryEvaluationFailure(String location, String cause) {
        super(StatesError.QUERY_EVALUATION_ERROR, cause);
        this.location = location == null ? "" : location;
    }

    /** The field as AWS names it in {@code evaluationFailedEventDetails.location}; empty when unknown. */
    public String location() {
        return location;
    }
}
