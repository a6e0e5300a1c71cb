package dev.stepwise.api;

import dev.stepwise.api.port.ExecutionPort;
import dev.stepwise.api.port.StateMachinePort;
import dev.stepwise.api.port.TaskPort;
import java.time.Clock;

/** What every action may use: configuration, ARN and token helpers, the ports, and the clock. */
public record ApiContext(ApiConfig config, Arns arns, PageTokens tokens, StateMachinePort machines,
                         ExecutionPort executions, TaskPort tasks, Clock clock) {

    /** A backend without task callbacks or activity workers (the in-memory one). */
    public static ApiContext of(ApiConfig config, StateMachinePort machines, ExecutionPort executions, Clock clock) {
        return of(config, machines, executions, TaskPort.none(), clock);
    }

    public static ApiContext of(ApiConfig config, StateMachinePort machines, ExecutionPort executions, TaskPort tasks,
                                Clock clock) {
        return new ApiContext(config, new Arns(config), new PageTokens(config.tokenKey()), machines, executions, tasks, clock);
    }
}
