package dev.stepwise.api.port;

/**
 * Step Functions Local's test cases, when the server runs with a mock configuration:
 * StartExecution on {@code <state machine ARN>#<TestCase>} runs the machine with that test case.
 */
@FunctionalInterface
public interface TestCases {

    /**
     * Records that the execution (not started yet) runs with {@code testCase} of the machine.
     *
     * @throws IllegalArgumentException when the mock configuration has no such test case for the machine
     */
    void select(String executionArn, String stateMachineName, String testCase);
}
