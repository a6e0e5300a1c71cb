package dev.stepwise.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;

/**
 * A function or argument failed while a call was evaluated. It carries only the detail; the
 * top-level call turns it into the {@link StatesFailure} AWS reports, which names the whole
 * expression as written.
 */
final class IntrinsicError extends RuntimeException {

    /**
     * AWS reports failing intrinsics as States.Runtime, not States.IntrinsicFailure (which the ASL
     * spec names): executions recorded on real AWS fail with error "States.Runtime" and a cause
     * containing "Invalid arguments in States.MathAdd" (integration tests run against AWS that assert
     * exactly this) or "The JsonPath argument for the field '$.nope' could not be found in the input"
     * (causes captured on AWS us-east-1 in Floci's AslExecutorIntrinsicMissingArgumentTest), and an
     * AWS-run conformance suite expects "States.Runtime" for every invalid-argument case of all 18
     * functions. One constant, so the choice is made in one place.
     */
    static final StatesError ERROR = StatesError.RUNTIME;

    IntrinsicError(String detail) {
        super(detail, null, false, false);
    }

    /** AWS's wording for every argument a function rejects: "Invalid arguments in States.ArrayRange". */
    static IntrinsicError invalidArguments(String function) {
        return new IntrinsicError("Invalid arguments in " + function);
    }

    /**
     * AWS's wording when a path argument matches nothing. A {@code $$} path is reported rewritten
     * to {@code $} and against the state input, as AWS and Step Functions Local write it.
     */
    static IntrinsicError pathNotFound(String pathText, JsonNode input) {
        String reported = pathText.startsWith("$$") ? pathText.substring(1) : pathText;
        return new IntrinsicError("The JsonPath argument for the field '" + reported
                + "' could not be found in the input '" + Json.write(input) + "'");
    }

    /** Causes captured on AWS: "The function 'States.Format('{}', $.nope)' had the following error: ...". */
    StatesFailure toFailure(String expression) {
        return new StatesFailure(ERROR, "The function '" + expression + "' had the following error: " + getMessage());
    }
}
