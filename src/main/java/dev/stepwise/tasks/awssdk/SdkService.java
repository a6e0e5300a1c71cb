package dev.stepwise.tasks.awssdk;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;

/**
 * A bundled service: the name its Resource ARNs use ({@code aws-sdk:NAME:action}), the prefix of
 * its error names (the SDK for Java v2's service name: "S3", "DynamoDb", "Sfn", as recorded on
 * AWS), the {@code --endpoint}/{@code STEPWISE_ENDPOINT_*} key that redirects it, how to build
 * its client, and its operations.
 */
public record SdkService(String name, String errorPrefix, String endpointKey, ClientFactory clients,
                         Map<String, SdkOperation> operations) {

    /** What a client is built with: where it calls and how long a call may take on the wire. */
    public record ClientSettings(String region, URI endpoint, AwsCredentialsProvider credentials, Duration socketTimeout) {
    }

    @FunctionalInterface
    public interface ClientFactory {
        SdkClient create(ClientSettings settings);
    }
}
