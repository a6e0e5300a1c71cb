/**
 * What the API needs from the rest of Stepwise: {@link dev.stepwise.api.port.StateMachinePort}
 * (state machines, versions, aliases, tags) and {@link dev.stepwise.api.port.ExecutionPort}
 * (start, describe, list, stop, history), {@link dev.stepwise.api.port.TaskPort} (task tokens,
 * activities). {@code dev.stepwise.api.durable} implements them on the durable runtime, whose
 * store is DynamoDB or this process's memory.
 * Listings return a {@link dev.stepwise.api.port.Page} whose position is the store's own text;
 * the API signs it into nextToken, so stores need not protect it.
 */
package dev.stepwise.api.port;
