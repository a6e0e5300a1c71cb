package dev.stepwise.runtime;

/** The causes the runtime itself writes (those of ends the engine describes are the engine's). */
final class RuntimeCauses {
    private RuntimeCauses() {
    }

    static String lostClaim(String stateName, int attempt) {
        return "The attempt " + attempt + " of Task state '" + stateName + "' was started by an earlier delivery "
                + "that did not finish; its result is unknown, so it is not run a second time";
    }

    static String poisoned(String stepKey, int receiveCount, RuntimeException e) {
        return "The runtime failed to process step '" + stepKey + "' " + receiveCount + " times; the message was moved "
                + "to the dead-letter queue. Last error: " + e;
    }
}
