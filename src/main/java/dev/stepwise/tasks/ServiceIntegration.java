package dev.stepwise.tasks;

import dev.stepwise.engine.Resumption;

/** One service integration ({@code sqs:sendMessage}, ...): does the call, returns the result or the failure. */
@FunctionalInterface
interface ServiceIntegration {
    /** @return {@link Resumption.TaskSucceeded} or {@link Resumption.TaskFailed}; never throws for the call's own failure */
    Resumption call(TaskCall call);
}
