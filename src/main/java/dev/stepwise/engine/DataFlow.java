package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sees the values a state's input and output processing produces, one stage at a time, for
 * TestState's {@code inspectionData}. The stages are named as that API names its members.
 */
@FunctionalInterface
public interface DataFlow {

    /** The stages of "Processing input and output" in the order a state runs them. */
    enum Stage {
        AFTER_INPUT_PATH("afterInputPath"),
        AFTER_PARAMETERS("afterParameters"),
        AFTER_ARGUMENTS("afterArguments"),
        AFTER_ITEMS_PATH("afterItemsPath"),
        AFTER_ITEM_SELECTOR("afterItemSelector"),
        AFTER_ITEM_BATCHER("afterItemBatcher"),
        MAX_CONCURRENCY("maxConcurrency"),
        TOLERATED_FAILURE_COUNT("toleratedFailureCount"),
        TOLERATED_FAILURE_PERCENTAGE("toleratedFailurePercentage"),
        RESULT("result"),
        AFTER_RESULT_SELECTOR("afterResultSelector"),
        AFTER_RESULT_PATH("afterResultPath"),
        /** The workflow variables after the state's Assign. */
        VARIABLES("variables");

        private final String member;

        Stage(String member) {
            this.member = member;
        }

        /** The InspectionData member that shows this stage. */
        public String member() {
            return member;
        }
    }

    void record(Stage stage, JsonNode value);
}
