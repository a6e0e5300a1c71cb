package dev.stepwise.tasks;

import dev.stepwise.engine.Resumption;
import dev.stepwise.tasks.awssdk.AwsSdkCalls;
import java.time.Duration;

/**
 * {@code arn:aws:states:::s3:getObject} and {@code s3:putObject} as Task resources: the S3 actions
 * a Distributed Map's ItemReader and ResultWriter name, callable from a Task too. Parameters are
 * the S3 API's members (Bucket, Key, VersionId, Range, Body ...); the result and the errors are
 * those of the AWS SDK integration of the same action ({@code aws-sdk:s3:getObject}): the
 * response's members with the object's Body as text, {@code S3.NoSuchKeyException} and the SDK's
 * message as the cause.
 */
abstract class S3ObjectAction implements ServiceIntegration {
    /** S3 answers in seconds; a large body may take longer on the wire. */
    private static final Duration TIMEOUT_CAP = Duration.ofMinutes(5);

    private final AwsSdkCalls sdk;
    private final String action;

    S3ObjectAction(AwsSdkCalls sdk, String action) {
        this.sdk = sdk;
        this.action = action;
    }

    @Override
    public Resumption call(TaskCall call) {
        AwsSdkCalls.Outcome outcome = sdk.call("s3", action, call.parameters(), call.region(), call.timeout(TIMEOUT_CAP));
        return outcome.failed() ? new Resumption.TaskFailed(outcome.error(), outcome.cause())
                : new Resumption.TaskSucceeded(outcome.result());
    }
}
