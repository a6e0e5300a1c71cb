package dev.stepwise.tasks;

import dev.stepwise.tasks.awssdk.AwsSdkCalls;

/** {@code arn:aws:states:::s3:getObject}: S3 GetObject, the object's Body as text (see {@link S3ObjectAction}). */
final class S3GetObject extends S3ObjectAction {
    S3GetObject(AwsSdkCalls sdk) {
        super(sdk, "getObject");
    }
}
