package dev.stepwise.tasks;

import dev.stepwise.tasks.awssdk.AwsSdkCalls;

/**
 * {@code arn:aws:states:::s3:putObject}: S3 PutObject; a Body that is not a string is stored as
 * its JSON text (see {@link S3ObjectAction}).
 */
final class S3PutObject extends S3ObjectAction {
    S3PutObject(AwsSdkCalls sdk) {
        super(sdk, "putObject");
    }
}
