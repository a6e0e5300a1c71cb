package dev.stepwise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.JsonSize;
import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.asl.model.ErrorHandling;
import dev.stepwise.asl.model.TaskState;
import dev.stepwise.asl.path.JsonPath;
import dev.stepwise.engine.history.EventDetails;
import dev.stepwise.engine.history.EventType;

/**
 * Task: asks the runtime to call its resource with the effective input, then shapes the result.
 * History events follow the resource kind: Lambda function ARNs give LambdaFunction* events,
 * activities Activity* events, service integrations Task* events.
 */
final class TaskRunner implements StateRunner<TaskState> {
    @Override
    public Outcome attempt(TaskState state, StepRun run, StateVisit visit) {
        boolean jsonata = state.jsonata() != null;
        JsonNode input = jsonata ? visit.input() : run.applyInputPath(state.paths(), visit);
        JsonNode parameters = jsonata ? run.applyArguments(state, visit) : run.applyParameters(state.parameters(), input, visit);
        run.checkPayload(state, parameters);
        Integer fixedTimeout = jsonata && state.timeoutSeconds() == null ? expressionSeconds(state, "TimeoutSeconds", run, visit)
                : state.timeoutSeconds();
        Integer fixedHeartbeat = jsonata && state.heartbeatSeconds() == null ? expressionSeconds(state, "HeartbeatSeconds", run, visit)
                : state.heartbeatSeconds();
        long timeout = seconds(fixedTimeout, state.timeoutSecondsPath(), run, visit, input, TaskState.DEFAULT_TIMEOUT_SECONDS);
        Long heartbeat = fixedHeartbeat == null && state.heartbeatSecondsPath() == null ? null
                : seconds(fixedHeartbeat, state.heartbeatSecondsPath(), run, visit, input, 0);
        TaskResource resource = TaskResource.of(state.resource(), run.options.region());
        Long shownTimeout = fixedTimeout == null && state.timeoutSecondsPath() == null ? null : timeout;
        switch (resource.kind()) {
            case LAMBDA_FUNCTION -> run.emit(EventType.LambdaFunctionScheduled,
                    new EventDetails.LambdaFunctionScheduled(state.resource(), parameters, shownTimeout));
            case ACTIVITY -> run.emit(EventType.ActivityScheduled,
                    new EventDetails.ActivityScheduled(state.resource(), parameters, shownTimeout, heartbeat));
            default -> run.emit(EventType.TaskScheduled, new EventDetails.TaskScheduled(resource.resourceType(),
                    resource.resource(), resource.region(), parameters, shownTimeout, heartbeat));
        }
        boolean tokened = resource.kind() == TaskResource.Kind.ACTIVITY
                || TaskResource.Pattern.of(state.resource()) == TaskResource.Pattern.WAIT_FOR_TASK_TOKEN;
        TaskRequest request = new TaskRequest(state.name(), state.resource(), parameters, timeout, heartbeat,
                state.credentials(), visit.retryCount(), run.execution.executionArn(), run.execution.stateMachineArn(),
                tokened && run.taskToken != null ? run.taskToken.get() : null);
        return new Outcome.RunTask(request, new Step.Resume(run.frame, visit, new Resumption.TaskPending()),
                TaskWait.of(resource, request.pattern(), run.mocked.test(request)));
    }

    @Override
    public Outcome resume(TaskState state, StepRun run, StateVisit visit, Resumption resumption) {
        TaskResource resource = TaskResource.of(state.resource(), run.options.region());
        Resumption.TaskStart start = resumption instanceof Resumption.TaskSucceeded ok ? ok.start()
                : resumption instanceof Resumption.TaskFailed failed ? failed.start()
                : ((Resumption.TaskTimedOut) resumption).start();
        if (start.emit()) {
            started(resource, run, start.worker());
        }
        if (resumption instanceof Resumption.TaskSucceeded succeeded
                && JsonSize.exceeds(succeeded.output(), run.options.payloadLimitBytes())) {
            // Recorded on AWS: an oversized result fails the task itself (TaskFailed /
            // LambdaFunctionFailed), naming the function ARN or the integration's service.
            String name = resource.kind() == TaskResource.Kind.SERVICE ? resource.resourceType() : state.resource();
            resumption = new Resumption.TaskFailed(StatesError.DATA_LIMIT_EXCEEDED.aslName(), Causes.dataLimitExceeded(name));
        }
        if (resumption instanceof Resumption.TaskTimedOut timedOut) {
            switch (resource.kind()) {
                case LAMBDA_FUNCTION -> run.emit(EventType.LambdaFunctionTimedOut,
                        new EventDetails.LambdaFunctionTimedOut(timedOut.error(), timedOut.cause()));
                case ACTIVITY -> run.emit(EventType.ActivityTimedOut,
                        new EventDetails.ActivityTimedOut(timedOut.error(), timedOut.cause()));
                default -> run.emit(EventType.TaskTimedOut, new EventDetails.TaskTimedOut(resource.resourceType(),
                        resource.resource(), timedOut.error(), timedOut.cause()));
            }
            return run.recover(state, state.errors(), visit, timedOut.error(), timedOut.cause());
        }
        if (resumption instanceof Resumption.TaskFailed failed) {
            switch (resource.kind()) {
                case LAMBDA_FUNCTION -> run.emit(EventType.LambdaFunctionFailed,
                        new EventDetails.LambdaFunctionFailed(failed.error(), failed.cause()));
                case ACTIVITY -> run.emit(EventType.ActivityFailed, new EventDetails.ActivityFailed(failed.error(), failed.cause()));
                default -> run.emit(EventType.TaskFailed, new EventDetails.TaskFailed(resource.resourceType(),
                        resource.resource(), failed.error(), failed.cause()));
            }
            return run.recover(state, state.errors(), visit, failed.error(), failed.cause());
        }
        JsonNode result = ((Resumption.TaskSucceeded) resumption).output();
        run.inspect(DataFlow.Stage.RESULT, result);
        switch (resource.kind()) {
            case LAMBDA_FUNCTION -> run.emit(EventType.LambdaFunctionSucceeded, new EventDetails.LambdaFunctionSucceeded(result));
            case ACTIVITY -> run.emit(EventType.ActivitySucceeded, new EventDetails.ActivitySucceeded(result));
            default -> run.emit(EventType.TaskSucceeded,
                    new EventDetails.TaskSucceeded(resource.resourceType(), resource.resource(), result));
        }
        return run.finish(state, state.paths(), state.resultSelector(), result, state.transition(), visit);
    }

    @Override
    public ErrorHandling errors(TaskState state) {
        return state.errors();
    }

    private static void started(TaskResource resource, StepRun run, String worker) {
        switch (resource.kind()) {
            case LAMBDA_FUNCTION -> run.emit(EventType.LambdaFunctionStarted, EventDetails.None.INSTANCE);
            case ACTIVITY -> run.emit(EventType.ActivityStarted, new EventDetails.ActivityStarted(worker));
            default -> run.emit(EventType.TaskStarted, new EventDetails.TaskStarted(resource.resourceType(), resource.resource()));
        }
    }

    /** A JSONata TimeoutSeconds/HeartbeatSeconds expression's value: a positive integer, or null when unset. */
    private static Integer expressionSeconds(TaskState state, String field, StepRun run, StateVisit visit) {
        JsonNode value = run.jsonata(state, field, visit, null, StepRun.Source.INPUT);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() <= 0 || value.asLong() > Integer.MAX_VALUE) {
            throw new dev.stepwise.asl.jsonata.QueryEvaluationFailure(field, "The " + field
                    + " field must evaluate to a positive integer, but was '" + dev.stepwise.asl.Json.write(value) + "'");
        }
        return value.asInt();
    }

    /** TimeoutSeconds/HeartbeatSeconds, or their *Path forms read from the state's input: a positive integer. */
    private static long seconds(Integer fixed, JsonPath path, StepRun run, StateVisit visit, JsonNode input, long absent) {
        if (fixed != null) {
            return fixed;
        }
        if (path == null) {
            return absent;
        }
        // A path that selects nothing fails as any reference path does (LocalStack's TimeoutSecondsPath
        // words it so: "Invalid path '$.timeout' : No results for path: $['timeout']").
        JsonNode value = path.readRequired(run.bindings(input, visit));
        if (!value.isIntegralNumber() || value.asLong() <= 0) {
            throw new StatesFailure(StatesError.RUNTIME, "The value of the field '" + path.expression()
                    + "' must be a positive integer");
        }
        return value.asLong();
    }
}
