package dev.stepwise.lambda;

import dev.stepwise.api.ApiConfig;
import dev.stepwise.api.StepFunctionsApi;
import dev.stepwise.api.durable.DurableAssembly;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.queue.SqsStepQueue;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.store.Store;
import dev.stepwise.tasks.HttpAuth;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import dev.stepwise.tasks.NoIntegrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the durable runtime (and the API on it) a Lambda invocation uses from configuration (environment variables
 * in the cloud: STEPWISE_TABLE, STEPWISE_QUEUE_URL, ...). Endpoints are set only to reach an
 * emulator or LocalStack; in AWS the SDK's defaults apply.
 */
@ApplicationScoped
public class RuntimeProducer {
    private static final Logger LOG = Logger.getLogger(RuntimeProducer.class);

    @ConfigProperty(name = "stepwise.table")
    String table;

    @ConfigProperty(name = "stepwise.queue-url")
    String queueUrl;

    @ConfigProperty(name = "stepwise.region", defaultValue = "us-east-1")
    String region;

    @ConfigProperty(name = "stepwise.account-id", defaultValue = "123456789012")
    String accountId;

    @ConfigProperty(name = "stepwise.history-limit", defaultValue = "25000")
    long historyLimit;

    @ConfigProperty(name = "stepwise.payload-limit-bytes", defaultValue = "262144")
    long payloadLimit;

    @ConfigProperty(name = "stepwise.max-receives", defaultValue = "5")
    int maxReceives;

    /** Days a finished execution stays in the table before DynamoDB's TTL deletes its header. */
    @ConfigProperty(name = "stepwise.retention-days", defaultValue = "90")
    long retentionDays;

    @ConfigProperty(name = "stepwise.endpoint.dynamodb")
    Optional<URI> dynamoEndpoint;

    @ConfigProperty(name = "stepwise.endpoint.sqs")
    Optional<URI> sqsEndpoint;

    /** An EventBridge bus for execution status change events; none are sent without it. */
    @ConfigProperty(name = "stepwise.events.bus-name")
    Optional<String> eventBusName;
    /** Task integrations' endpoints (a local Lambda runtime, LocalStack); unset: AWS's regional endpoints. */
    @ConfigProperty(name = "stepwise.endpoint.lambda")
    Optional<URI> lambdaEndpoint;

    @ConfigProperty(name = "stepwise.endpoint.sns")
    Optional<URI> snsEndpoint;

    @ConfigProperty(name = "stepwise.endpoint.events")
    Optional<URI> eventsEndpoint;

    /** AWS SDK integrations' other services (aws-sdk:s3:*, aws-sdk:sfn:*, ...); unset: AWS's regional endpoints. */
    @ConfigProperty(name = "stepwise.endpoint.s3")
    Optional<URI> s3Endpoint;

    @ConfigProperty(name = "stepwise.endpoint.states")
    Optional<URI> statesEndpoint;

    @ConfigProperty(name = "stepwise.endpoint.secretsmanager")
    Optional<URI> secretsManagerEndpoint;

    @ConfigProperty(name = "stepwise.endpoint.ssm")
    Optional<URI> ssmEndpoint;

    private final EmfMetrics metrics = new EmfMetrics();
    private Integrations tasks;
    /** HTTP Task authentication, {@code [CONNECTION_ARN=]HEADER:VALUE} entries (comma-separated). */
    @ConfigProperty(name = "stepwise.http-auth")
    Optional<java.util.List<String>> httpAuth;

    /** Signs the API's pagination tokens; every instance of the API function must share it. */
    @ConfigProperty(name = "stepwise.api.token-key")
    Optional<String> tokenKey;

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamo() {
        return new AwsClients(region, new RequestCounter()).dynamoDb(dynamoEndpoint.orElse(null));
    }

    @Produces
    @ApplicationScoped
    SqsClient sqs() {
        return new AwsClients(region, new RequestCounter()).sqs(sqsEndpoint.orElse(null));
    }

    @Produces
    @ApplicationScoped
    SqsStepQueue queue(SqsClient sqs) {
        return new SqsStepQueue(sqs, queueUrl);
    }

    /** The runtime and the API on it, as every host assembles them (a record: a singleton, not a proxied bean). */
    @Produces
    @jakarta.inject.Singleton
    DurableAssembly assembly(DynamoDbClient dynamo, SqsStepQueue queue) {
        RuntimeOptions options = new RuntimeOptions(new EngineOptions(payloadLimit, region), historyLimit, maxReceives, accountId);
        byte[] key = tokenKey.map(k -> Base64.getDecoder().decode(k)).orElseGet(() -> ApiConfig.defaults().tokenKey());
        Store store = Store.dynamo(dynamo, table, Duration.ofDays(retentionDays));
        DurableAssembly assembly = DurableAssembly.of(store, queue, Integrations.create(integrations()), Clock.systemUTC(), options,
                new ApiConfig(region, accountId, key), null, bug -> LOG.error("the API failed on a request it should have handled", bug));
        assembly.runtime().listen(new ExecutionObserver(metrics, eventBusName.map(bus -> new ExecutionStatusEvents(events(), bus, store))));
        return assembly;
    }

    @Produces
    @ApplicationScoped
    DurableRuntime runtime(DurableAssembly assembly) {
        return assembly.runtime();
    }

    /** What the step worker counts during an invocation, written as EMF when it ends. */
    @Produces
    @ApplicationScoped
    EmfMetrics metrics() {
        return metrics;
    }

    private EventBridgeClient events() {
        var builder = EventBridgeClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
        eventsEndpoint.ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stepwise", "stepwise"))));
        return builder.build();
    }

    /** The Task integrations, one set for the runtime and the API's TestState. */
    private synchronized Integrations tasks() {
        if (tasks == null) {
            tasks = Integrations.create(integrations());
        }
        return tasks;
    }

    /** The task integrations' configuration: the endpoints set, the rest AWS's; DynamoDB and SQS as the runtime's. */
    IntegrationConfig integrations() {
        java.util.Map<String, URI> endpoints = new java.util.HashMap<>();
        dynamoEndpoint.ifPresent(u -> endpoints.put(IntegrationConfig.DYNAMODB, u));
        sqsEndpoint.ifPresent(u -> endpoints.put(IntegrationConfig.SQS, u));
        lambdaEndpoint.ifPresent(u -> endpoints.put(IntegrationConfig.LAMBDA, u));
        snsEndpoint.ifPresent(u -> endpoints.put(IntegrationConfig.SNS, u));
        eventsEndpoint.ifPresent(u -> endpoints.put(IntegrationConfig.EVENTS, u));
        s3Endpoint.ifPresent(u -> endpoints.put(IntegrationConfig.S3, u));
        statesEndpoint.ifPresent(u -> endpoints.put(IntegrationConfig.STATES, u));
        secretsManagerEndpoint.ifPresent(u -> endpoints.put(IntegrationConfig.SECRETSMANAGER, u));
        ssmEndpoint.ifPresent(u -> endpoints.put(IntegrationConfig.SSM, u));
        return new IntegrationConfig(endpoints, region, accountId, HttpAuth.parse(httpAuth.orElse(java.util.List.of())));
    }

    /** The Step Functions API on the durable runtime's table, for the API Gateway handler. */
    @Produces
    @ApplicationScoped
    StepFunctionsApi api(DurableAssembly assembly) {
        return assembly.api();
    }
}
