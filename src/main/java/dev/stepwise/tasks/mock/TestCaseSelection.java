package dev.stepwise.tasks.mock;

/** The test case an execution runs with: chosen at StartExecution ({@code <machine ARN>#<TestCase>}), kept for its life. */
public record TestCaseSelection(String stateMachineName, String testCase) {
}
