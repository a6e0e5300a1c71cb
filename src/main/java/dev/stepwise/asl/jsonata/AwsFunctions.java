package dev.stepwise.asl.jsonata;

import java.util.List;

/**
 * The functions Step Functions adds to JSONata, registered by hand. AWS documents them under
 * "JSONata functions provided by Step Functions" in "Transforming data with JSONata".
 */
final class AwsFunctions {
    static final List<AwsFunction> ALL = List.of(
            new JsonataPartition(),
            new JsonataRange(),
            new JsonataHash(),
            new JsonataRandom(),
            new JsonataUuid(),
            new JsonataParse());

    /**
     * "$eval is not available — use $parse instead" (AWS, Supported JSONata version). Unbinding it
     * leaves a call to it as JSONata's own T1006, "Attempted to invoke a non-function".
     */
    static final String DISABLED_EVAL = "eval";

    private AwsFunctions() {
    }
}
