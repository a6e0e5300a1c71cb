package dev.stepwise.tasks.s3;

import dev.stepwise.asl.StatesError;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.tasks.awssdk.AwsSdkCalls;
import java.io.InputStream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The S3 calls a Map Run's reader and writer make, with S3's errors turned into the state's:
 * the SDK's message worded as Step Functions words a service's cause
 * ({@code "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: …)"}).
 */
final class S3Objects {
    /** AWS: "Step Functions supports 10 GB as the maximum size of an individual file in Amazon S3." */
    static final long MAX_OBJECT_BYTES = 10L * 1024 * 1024 * 1024;

    private final S3Client s3;

    S3Objects(S3Client s3) {
        this.s3 = s3;
    }

    S3Client client() {
        return s3;
    }

    /** The object's bytes from byte {@code from} on; an object larger than AWS reads fails {@code error}. */
    InputStream get(String bucket, String key, String versionId, String expectedOwner, long from, StatesError error) {
        if (bucket == null || key == null) {
            throw new StatesFailure(error, "The ItemReader's Bucket and Key must be strings");
        }
        try {
            GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key).versionId(versionId)
                    .expectedBucketOwner(expectedOwner);
            if (from > 0) {
                request.range("bytes=" + from + "-");
            }
            ResponseInputStream<GetObjectResponse> body = s3.getObject(request.build());
            Long length = body.response().contentLength();
            if (from == 0 && length != null && length > MAX_OBJECT_BYTES) {
                body.abort();
                throw new StatesFailure(error, "The object s3://" + bucket + "/" + key + " is " + length
                        + " bytes; Step Functions reads objects of up to 10 GB");
            }
            return body;
        } catch (SdkException e) {
            throw failure(error, e);
        }
    }

    /** An SDK error as the state's {@code error}: a service's error with its message, or why no answer came. */
    static StatesFailure failure(StatesError error, SdkException e) {
        String cause = e instanceof AwsServiceException service ? AwsSdkCalls.cause(service, "S3")
                : String.valueOf(e.getMessage()).replaceAll(" \\(SDK Attempt Count: \\d+\\)$", "");
        return new StatesFailure(error, cause);
    }
}
