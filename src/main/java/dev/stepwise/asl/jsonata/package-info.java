/**
 * The JSONata query language of Step Functions (QueryLanguage "JSONata", November 2024):
 * {@code {% expression %}} strings, the reserved {@code $states} variable, workflow variables as
 * {@code $name}, and the six functions AWS adds to JSONata 2.0.6 ({@code $partition}, {@code $range},
 * {@code $hash}, {@code $random}, {@code $uuid}, {@code $parse}) with {@code $eval} taken away.
 *
 * <p>Evaluation goes through the dashjoin JSONata library; this package converts between Jackson
 * trees and the library's values and words every failure as AWS does
 * (States.QueryEvaluationError).
 */
package dev.stepwise.asl.jsonata;
