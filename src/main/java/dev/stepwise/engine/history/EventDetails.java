package dev.stepwise.engine.history;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The detail object of a history event; each record names the field AWS puts it under
 * (e.g. stateEnteredEventDetails). Payloads are JSON trees; the API writes them as strings.
 */
public sealed interface EventDetails {

    /** The member name of this detail in an AWS HistoryEvent, or null when the event has none. */
    String awsField();

    record None() implements EventDetails {
        public static final None INSTANCE = new None();

        @Override
        public String awsField() {
            return null;
        }
    }

    record ExecutionStarted(JsonNode input, String roleArn) implements EventDetails {
        @Override
        public String awsField() {
            return "executionStartedEventDetails";
        }
    }

    record ExecutionSucceeded(JsonNode output) implements EventDetails {
        @Override
        public String awsField() {
            return "executionSucceededEventDetails";
        }
    }

    record ExecutionFailed(String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "executionFailedEventDetails";
        }
    }

    /** StopExecution's error and cause; either may be null. */
    record ExecutionAborted(String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "executionAbortedEventDetails";
        }
    }

    record ExecutionTimedOut(String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "executionTimedOutEventDetails";
        }
    }

    /** RedriveExecution restarted the execution; {@code redriveCount} counts this redrive. */
    record ExecutionRedriven(int redriveCount) implements EventDetails {
        @Override
        public String awsField() {
            return "executionRedrivenEventDetails";
        }
    }

    /** A JSONata expression failed; recorded on AWS before the failure is handled. */
    record EvaluationFailed(String error, String cause, String location, String state) implements EventDetails {
        @Override
        public String awsField() {
            return "evaluationFailedEventDetails";
        }
    }

    record StateEntered(String name, JsonNode input) implements EventDetails {
        @Override
        public String awsField() {
            return "stateEnteredEventDetails";
        }
    }

    /**
     * {@code assignedVariables}: the variables the state's Assign set, name → value (AWS writes
     * each value as a JSON string), or null when it set none.
     */
    record StateExited(String name, JsonNode output, JsonNode assignedVariables) implements EventDetails {
        public StateExited(String name, JsonNode output) {
            this(name, output, null);
        }

        @Override
        public String awsField() {
            return "stateExitedEventDetails";
        }
    }

    record TaskScheduled(String resourceType, String resource, String region, JsonNode parameters,
                         Long timeoutInSeconds, Long heartbeatInSeconds) implements EventDetails {
        @Override
        public String awsField() {
            return "taskScheduledEventDetails";
        }
    }

    record TaskStarted(String resourceType, String resource) implements EventDetails {
        @Override
        public String awsField() {
            return "taskStartedEventDetails";
        }
    }

    record TaskSucceeded(String resourceType, String resource, JsonNode output) implements EventDetails {
        @Override
        public String awsField() {
            return "taskSucceededEventDetails";
        }
    }

    record TaskFailed(String resourceType, String resource, String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "taskFailedEventDetails";
        }
    }

    record LambdaFunctionScheduled(String resource, JsonNode input, Long timeoutInSeconds) implements EventDetails {
        @Override
        public String awsField() {
            return "lambdaFunctionScheduledEventDetails";
        }
    }

    record LambdaFunctionSucceeded(JsonNode output) implements EventDetails {
        @Override
        public String awsField() {
            return "lambdaFunctionSucceededEventDetails";
        }
    }

    record LambdaFunctionFailed(String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "lambdaFunctionFailedEventDetails";
        }
    }

    record ActivityScheduled(String resource, JsonNode input, Long timeoutInSeconds, Long heartbeatInSeconds)
            implements EventDetails {
        @Override
        public String awsField() {
            return "activityScheduledEventDetails";
        }
    }

    record ActivitySucceeded(JsonNode output) implements EventDetails {
        @Override
        public String awsField() {
            return "activitySucceededEventDetails";
        }
    }

    record ActivityFailed(String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "activityFailedEventDetails";
        }
    }

    record TaskSubmitted(String resourceType, String resource, JsonNode output) implements EventDetails {
        @Override
        public String awsField() {
            return "taskSubmittedEventDetails";
        }
    }

    record TaskTimedOut(String resourceType, String resource, String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "taskTimedOutEventDetails";
        }
    }

    record LambdaFunctionTimedOut(String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "lambdaFunctionTimedOutEventDetails";
        }
    }

    record ActivityStarted(String workerName) implements EventDetails {
        @Override
        public String awsField() {
            return "activityStartedEventDetails";
        }
    }

    record ActivityTimedOut(String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "activityTimedOutEventDetails";
        }
    }

    record MapStateStarted(int length) implements EventDetails {
        @Override
        public String awsField() {
            return "mapStateStartedEventDetails";
        }
    }

    /**
     * Detail of MapIterationStarted/Succeeded/Failed/Aborted; AWS names the member after the
     * event type (mapIterationStartedEventDetails, ...), so the API derives it from the type.
     */
    record MapIteration(String name, int index) implements EventDetails {
        @Override
        public String awsField() {
            return null;
        }
    }

    /** A Distributed Map started its Map Run: the run's ARN (DescribeMapRun, ListExecutions' mapRunArn). */
    record MapRunStarted(String mapRunArn) implements EventDetails {
        @Override
        public String awsField() {
            return "mapRunStartedEventDetails";
        }
    }

    record MapRunFailed(String error, String cause) implements EventDetails {
        @Override
        public String awsField() {
            return "mapRunFailedEventDetails";
        }
    }

    /** A redrive of the parent redrove its Map Run: the run's ARN and how often it has been redriven. */
    record MapRunRedriven(String mapRunArn, int redriveCount) implements EventDetails {
        @Override
        public String awsField() {
            return "mapRunRedrivenEventDetails";
        }
    }
}
