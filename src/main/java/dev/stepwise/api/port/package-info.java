/**
 * What the API needs from the rest of Stepwise: {@link dev.stepwise.api.port.StateMachinePort}
 * (state machines, versions, aliases, tags) and {@link dev.stepwise.api.port.ExecutionPort}
 * (start, describe, list, stop, history). The in-memory implementations are in
 * {@code dev.stepwise.api.memory}; the durable runtime implements them on DynamoDB and SQS.
 * Listings return a {@link dev.stepwise.api.port.Page} whose position is the store's own text;
 * the API signs it into nextToken, so stores need not protect it.
 */
package dev.stepwise.api.port;
