package dev.stepwise.asl.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which fields each state type accepts. The table is the one measured against AWS
 * ValidateStateMachineDefinition (8 types x 50 fields) and published with the public cdk_preflight
 * rego rules: e.g. TimeoutSeconds is a Task field only, Retry/Catch belong to Task, Parallel and Map,
 * and a Fail state takes no InputPath/OutputPath.
 */
final class StateFields {
    static final List<String> TYPES = List.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

    /** Accepted on every state type. */
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");

    private static final Map<String, Set<String>> BY_TYPE = Map.of(
            "Pass", Set.of("InputPath", "OutputPath", "Result", "ResultPath", "Parameters", "Output", "Assign",
                    "Next", "End"),
            "Task", Set.of("InputPath", "OutputPath", "ResultPath", "Parameters", "Arguments", "Output", "Assign",
                    "Resource", "Credentials", "ResultSelector", "Retry", "Catch", "TimeoutSeconds",
                    "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Next", "End"),
            "Wait", Set.of("InputPath", "OutputPath", "Output", "Assign", "Seconds", "Timestamp", "SecondsPath",
                    "TimestampPath", "Next", "End"),
            "Parallel", Set.of("InputPath", "OutputPath", "ResultPath", "Parameters", "Arguments", "Output",
                    "Assign", "ResultSelector", "Retry", "Catch", "Branches", "Next", "End"),
            "Map", Set.of("InputPath", "OutputPath", "ResultPath", "Parameters", "Output", "Assign",
                    "ResultSelector", "Retry", "Catch", "ItemProcessor", "Iterator", "ItemsPath", "Items",
                    "ItemSelector", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency",
                    "MaxConcurrencyPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
                    "ToleratedFailureCount", "ToleratedFailureCountPath", "Label", "Next", "End"),
            "Choice", Set.of("InputPath", "OutputPath", "Output", "Assign", "Choices", "Default"),
            "Succeed", Set.of("InputPath", "OutputPath", "Output"),
            "Fail", Set.of("Error", "Cause", "ErrorPath", "CausePath"));

    /**
     * Fields of the JSONata query language. AWS: "The QueryLanguage is set to 'JSONPath', but field
     * 'Output' is only supported for the 'JSONata' QueryLanguage" (measured, floci-io/floci #2968).
     */
    static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items");

    /**
     * Fields that JSONata states replace with Arguments/Output/Items or with expressions in the
     * plain field ("JSONata states ... don't support InputPath, Parameters, ResultSelector,
     * ResultPath, OutputPath", AWS developer guide, Transforming data with JSONata).
     */
    static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultPath",
            "ResultSelector", "Result", "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath",
            "HeartbeatSecondsPath", "ErrorPath", "CausePath", "MaxConcurrencyPath",
            "ToleratedFailurePercentagePath", "ToleratedFailureCountPath");

    /** States that end the execution of their scope by themselves. */
    static final Set<String> TERMINAL_TYPES = Set.of("Succeed", "Fail");

    /** States that transition with exactly one of Next or End. */
    static final Set<String> NEXT_OR_END_TYPES = Set.of("Pass", "Task", "Wait", "Parallel", "Map");

    private StateFields() {
    }

    static boolean accepts(String type, String field) {
        return COMMON.contains(field) || BY_TYPE.getOrDefault(type, Set.of()).contains(field);
    }

    /** The fields a state of {@code type} takes. */
    static Set<String> accepted(String type) {
        Set<String> fields = new java.util.HashSet<>(COMMON);
        fields.addAll(BY_TYPE.getOrDefault(type, Set.of()));
        return fields;
    }

    /** Whether some state type takes {@code field}. */
    static boolean isStateField(String field) {
        return COMMON.contains(field) || BY_TYPE.values().stream().anyMatch(fields -> fields.contains(field));
    }
}
