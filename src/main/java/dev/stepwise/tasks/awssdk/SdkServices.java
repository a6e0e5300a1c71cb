package dev.stepwise.tasks.awssdk;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The services an {@code arn:aws:states:::aws-sdk:SERVICE:ACTION} Task can call, registered by
 * hand (native-image safe: nothing is discovered). The names are Step Functions' (the SDK's
 * service id, lower case, no spaces: "secretsmanager", "sfn"); error prefixes are the SDK for
 * Java v2's service names, as AWS records them ({@code S3.NoSuchBucketException},
 * {@code DynamoDb.DynamoDbException}, {@code Sfn.InvalidTokenException},
 * {@code SecretsManager.SecretsManagerException}: LocalStack error_handling/test_aws_sdk and
 * services/test_aws_sdk_task_service, recorded on AWS). Clients never retry on their own: a call
 * is repeated only by the state's Retry.
 */
public final class SdkServices {
    /** Lambda runs a synchronous invocation for up to 15 minutes; the other services answer in seconds. */
    private static final Duration LONG_CALL = Duration.ofMinutes(15).plusSeconds(10);
    private static final Duration CALL = Duration.ofSeconds(70);

    static final Map<String, SdkService> ALL = Map.ofEntries(
            service("s3", "S3", "s3", s -> configure(S3Client.builder(), s)
                    // Path-style for endpoints given by IP (the embedded S3 server); S3Proxy does not read
                    // the aws-chunked bodies with trailing checksums that the SDK sends by default.
                    .forcePathStyle(s.endpoint() != null)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build(), S3Operations.ALL),
            service("dynamodb", "DynamoDb", "dynamodb", s -> configure(DynamoDbClient.builder(), s).build(),
                    DynamoDbOperations.ALL),
            service("sqs", "Sqs", "sqs", s -> configure(SqsClient.builder(), s).build(), SqsOperations.ALL),
            service("sns", "Sns", "sns", s -> configure(SnsClient.builder(), s).build(), SnsOperations.ALL),
            service("eventbridge", "EventBridge", "events", s -> configure(EventBridgeClient.builder(), s).build(),
                    EventBridgeOperations.ALL),
            service("lambda", "Lambda", "lambda", s -> configure(LambdaClient.builder(), s).build(), LambdaOperations.ALL),
            service("sfn", "Sfn", "states", s -> configure(SfnClient.builder(), s).build(), SfnOperations.ALL),
            service("secretsmanager", "SecretsManager", "secretsmanager",
                    s -> configure(SecretsManagerClient.builder(), s).build(), SecretsManagerOperations.ALL),
            service("ssm", "Ssm", "ssm", s -> configure(SsmClient.builder(), s).build(), SsmOperations.ALL));

    private SdkServices() {
    }

    /** The bundled service of that name. */
    public static Optional<SdkService> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every bundled service's name, for messages and the README. */
    public static java.util.SortedSet<String> names() {
        return new java.util.TreeSet<>(ALL.keySet());
    }

    /** How long the transport waits for {@code service} at most. */
    static Duration socketTimeout(String service) {
        return "lambda".equals(service) ? LONG_CALL : CALL;
    }

    private static Map.Entry<String, SdkService> service(String name, String errorPrefix, String endpointKey,
                                                         SdkService.ClientFactory clients, Map<String, SdkOperation> operations) {
        return Map.entry(name, new SdkService(name, errorPrefix, endpointKey, clients, operations));
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                               SdkService.ClientSettings settings) {
        builder.region(Region.of(settings.region()))
                .credentialsProvider(settings.credentials())
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(settings.socketTimeout()).build())
                // A local endpoint (Stepwise's own API for aws-sdk:sfn) has no "sync-" host for StartSyncExecution.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, settings.endpoint() != null));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }
}
