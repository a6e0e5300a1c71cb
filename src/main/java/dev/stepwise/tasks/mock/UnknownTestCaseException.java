package dev.stepwise.tasks.mock;

/** An execution asked for a test case the mock configuration does not define for its state machine. */
public final class UnknownTestCaseException extends IllegalArgumentException {
    private final String stateMachineName;
    private final String testCase;

    public UnknownTestCaseException(String stateMachineName, String testCase) {
        super("the mock configuration defines no test case '" + testCase + "' for the state machine '"
                + stateMachineName + "'");
        this.stateMachineName = stateMachineName;
        this.testCase = testCase;
    }

    public String stateMachineName() {
        return stateMachineName;
    }

    public String testCase() {
        return testCase;
    }
}
