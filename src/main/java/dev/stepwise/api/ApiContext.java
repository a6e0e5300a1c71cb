package dev.stepwise.api;

import dev.stepwise.api.port.ExecutionPort;
import dev.stepwise.api.port.StateMachinePort;
import java.time.Clock;

/** What every action may use: configuration, ARN and token helpers, the ports, and the clock. */
public record ApiContext(ApiConfig config, Arns arns, PageTokens tokens, StateMachinePort machines,
                         ExecutionPort executions, Clock clock) {

    public static ApiContext of(ApiConfig config, StateMachinePort machines, ExecutionPort executions, Clock clock) {
        return new ApiContext(config, new Arns(config), new PageTokens(config.tokenKey()), machines, executions, clock);
    }
}
