/**
 * The API's ports on the durable runtime: {@link dev.stepwise.api.durable.DurableStateMachines}
 * keeps state machines, versions, aliases and tags as items of the runtime's DynamoDB table;
 * {@link dev.stepwise.api.durable.DurableExecutions} starts, stops and reads executions through
 * {@link dev.stepwise.runtime.DurableRuntime} and its store, adding one item per execution with
 * what only the API knows (the input text as given, version and alias ARNs, the revision run).
 * Both class comments document their keys. History is read back from the store's AWS-shaped
 * events ({@link dev.stepwise.api.durable.StoredEvents}) and rendered by the same code as
 * in-memory events, so the API answers alike on both backends.
 */
package dev.stepwise.api.durable;
