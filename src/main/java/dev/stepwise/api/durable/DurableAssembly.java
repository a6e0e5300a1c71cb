package dev.stepwise.api.durable;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.ApiContext;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.api.port.TestCases;
import dev.stepwise.queue.StepQueue;
import dev.stepwise.runtime.ChildStarter;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.store.Store;
import dev.stepwise.tasks.TaskExecutor;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The durable runtime and the Step Functions API on it, put together in one place for every
 * host: the Lambda functions (lambda.RuntimeProducer) and the laptop's commands (local). Task
 * states start their child executions through this same API, so a child is validated, listed
 * and described like any execution a client starts.
 */
public record DurableAssembly(DurableRuntime runtime, ApiContext context, StepFunctionsApi api) {

    /**
     * @param testCases mocked test cases StartExecution may name ({@code <ARN>#<TestCase>}), or null
     * @param bugs where a request the API should have handled but failed on is reported
     */
    public static DurableAssembly of(Store store, StepQueue queue, TaskExecutor tasks, Clock clock, RuntimeOptions options,
                                     ApiConfig config, TestCases testCases, Consumer<Throwable> bugs) {
        AtomicReference<ChildStarter> children = new AtomicReference<>();
        DurableRuntime runtime = new DurableRuntime(store, queue, tasks, clock, options, children::get);
        ApiContext context = ApiContext.of(config, new DurableStateMachines(runtime), new DurableExecutions(runtime),
                new DurableTasks(runtime), clock);
        if (testCases != null) {
            context = context.withTestCases(testCases);
        }
        // TestState calls the same integrations as the Task states of executions.
        StepFunctionsApi api = new StepFunctionsApi(context, tasks, bugs);
        children.set(new ApiChildStarter(api));
        return new DurableAssembly(runtime, context, api);
    }
}
