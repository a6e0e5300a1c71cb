/**
 * The ports in memory: for tests and {@code ./stepwise serve}. Executions run on background
 * threads with the engine's InMemoryRunner, paced to the real clock (see
 * {@link dev.stepwise.api.memory.InMemoryExecutions}); nothing survives the process.
 */
package dev.stepwise.api.memory;
