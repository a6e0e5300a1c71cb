package dev.stepwise.asl.model;

import dev.stepwise.asl.jsonata.JsonataTemplate;
import dev.stepwise.asl.template.PayloadTemplate;

/**
 * A state's (or a Choice rule's, or a Catcher's) Assign field: the workflow variables it sets
 * when it finishes. In JSONPath states it reads like Parameters ({@code "name.$": "$.path"}).
 */
public sealed interface Assignment {

    record JsonPathAssignment(PayloadTemplate template) implements Assignment {
    }

    /** In JSONata states every string value may be a {@code {% ... %}} expression. */
    record JsonataAssignment(JsonataTemplate template) implements Assignment {
    }
}
