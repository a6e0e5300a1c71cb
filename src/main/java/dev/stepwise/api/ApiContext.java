package dev.stepwise.api;

import dev.stepwise.api.port.ExecutionPort;
import dev.stepwise.api.port.StateMachinePort;
import dev.stepwise.api.port.TaskPort;
import dev.stepwise.api.port.TestCases;
import java.time.Clock;

/**
 * What every action may use: configuration, ARN and token helpers, the ports, and the clock.
 * {@code testCases} is null unless the server runs with a mock configuration.
 */
public record ApiContext(ApiConfig config, Arns arns, PageTokens tokens, StateMachinePort machines,
                         ExecutionPort executions, TaskPort tasks, Clock clock, TestCases testCases) {

    /** A backend without task callbacks or activity workers (a test's). */
    public static ApiContext of(ApiConfig config, StateMachinePort machines, ExecutionPort executions, Clock clock) {
        return of(config, machines, executions, TaskPort.none(), clock);
    }

    public static ApiContext of(ApiConfig config, StateMachinePort machines, ExecutionPort executions, TaskPort tasks,
                                Clock clock) {
        return new ApiContext(config, new Arns(config), new PageTokens(config.tokenKey()), machines, executions, tasks,
                clock, null);
    }

    /** StartExecution accepts {@code <state machine ARN>#<TestCase>} and selects the test case through {@code cases}. */
    public ApiContext withTestCases(TestCases cases) {
        return new ApiContext(config, arns, tokens, machines, executions, tasks, clock, cases);
    }
}
