package dev.stepwise.lambda;

import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.queue.SqsStepQueue;
import dev.stepwise.runtime.DurableRuntime;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.store.DynamoExecutionStore;
import dev.stepwise.tasks.NoIntegrations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the durable runtime a Lambda invocation uses from configuration (environment variables
 * in the cloud: STEPWISE_TABLE, STEPWISE_QUEUE_URL, ...). Endpoints are set only to reach an
 * emulator or LocalStack; in AWS the SDK's defaults apply.
 */
@ApplicationScoped
public class RuntimeProducer {

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

    @ConfigProperty(name = "stepwise.endpoint.dynamodb")
    Optional<URI> dynamoEndpoint;

    @ConfigProperty(name = "stepwise.endpoint.sqs")
    Optional<URI> sqsEndpoint;

    @Produces
    @ApplicationScoped
    DurableRuntime runtime() {
        AwsClients clients = new AwsClients(region, new RequestCounter());
        RuntimeOptions options = new RuntimeOptions(new EngineOptions(payloadLimit, region), historyLimit, maxReceives, accountId);
        return new DurableRuntime(new DynamoExecutionStore(clients.dynamoDb(dynamoEndpoint.orElse(null)), table),
                new SqsStepQueue(clients.sqs(sqsEndpoint.orElse(null)), queueUrl), new NoIntegrations(), Clock.systemUTC(), options);
    }
}
