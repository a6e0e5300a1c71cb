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

    public QueryEvaluationFailure(String location, String cause) {
        super(StatesError.QUERY_EVALUATION_ERROR, cause);
        this.location = location == null ? "" : location;
    }

    /**
     * A field whose value must be of one JSON type ({@code expected}: "array", ...) evaluated to
     * another. {@code template} is the field as compiled; its expression is named in the cause.
     */
    public static QueryEvaluationFailure unexpectedType(String field, JsonataTemplate template, String expected,
                                                        com.fasterxml.jackson.databind.JsonNode value) {
        com.fasterxml.jackson.databind.JsonNode source = template.source();
        String expression = source.isTextual() && JsonataTemplate.isExpression(source.textValue())
                ? JsonataTemplate.expressionText(source.textValue()) : dev.stepwise.asl.Json.write(source);
        return new QueryEvaluationFailure(field, JsonataCauses.unexpectedType(expression, field, expected, value));
    }

    /** The field as AWS names it in {@code evaluationFailedEventDetails.location}; empty when unknown. */
    public String location() {
        return location;
    }
}
