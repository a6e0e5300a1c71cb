package dev.stepwise.tasks;

import dev.stepwise.asl.StatesError;
import dev.stepwise.engine.Resumption;
import dev.stepwise.engine.TaskRequest;

/** The executor until the integrations land: every Task fails with States.TaskFailed, as a missing integration would. */
public final class NoIntegrations implements TaskExecutor {
    @Override
    public Resumption execute(TaskRequest request, String idempotencyKey) {
        return new Resumption.TaskFailed(StatesError.TASK_FAILED.aslName(), "No integration for resource '"
                + request.resource() + "' is available in this runner yet");
    }
}
