package dev.stepwise.tasks;

import dev.stepwise.engine.Resumption;
import dev.stepwise.tasks.awssdk.AwsSdkCalls;
import java.time.Duration;

/**
 * {@code arn:aws:states:::aws-sdk:SERVICE:ACTION} (and {@code .waitForTaskToken}): the action
 * called through the AWS SDK for Java v2 with the state's parameters, its response as the
 * result ({@link AwsSdkCalls}). Each service is called at the endpoint configured for it
 * ({@code --endpoint SERVICE=URL}, {@code STEPWISE_ENDPOINT_SERVICE}), else AWS's.
 */
final class AwsSdkIntegration {
    /** The transport's limit when the state sets no deadline; Lambda's own is longer (its client's socket timeout). */
    private static final Duration TIMEOUT_CAP = Duration.ofMinutes(15).plusSeconds(10);

    private final AwsSdkCalls calls;

    AwsSdkIntegration(AwsSdkCalls calls) {
        this.calls = calls;
    }

    Resumption call(TaskCall call, String service, String action) {
        AwsSdkCalls.Outcome outcome = calls.call(service, action, call.parameters(), call.region(), call.timeout(TIMEOUT_CAP));
        return outcome.failed() ? new Resumption.TaskFailed(outcome.error(), outcome.cause())
                : new Resumption.TaskSucceeded(outcome.result());
    }
}
