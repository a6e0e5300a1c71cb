package dev.stepwise.lambda;

import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.local.Emulators;
import dev.stepwise.queue.SqsStepQueue;
import dev.stepwise.store.dynamo.DynamoSchema;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/** Starts the real emulators (dynalite, ElasticMQ) for the Lambda handler tests and points the function at them. */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {
    static final String TABLE = "stepwise-lambda-test";
    private Emulators emulators;

    @Override
    public Map<String, String> start() {
        emulators = Emulators.start(Map.of(), null);
        AwsClients clients = new AwsClients("us-east-1", new RequestCounter());
        DynamoSchema.createTableIfMissing(clients.dynamoDb(emulators.endpoint(Emulators.DYNAMODB)), TABLE);
        List<String> queues = SqsStepQueue.createQueues(clients.sqs(emulators.endpoint(Emulators.SQS)), "stepwise-lambda-test", 3, 30);
        String startDeadLetters = clients.sqs(emulators.endpoint(Emulators.SQS))
                .createQueue(b -> b.queueName("stepwise-lambda-test-start-dlq")).queueUrl();
        return Map.of(
                "stepwise.table", TABLE,
                "stepwise.start-dead-letter-queue-url", startDeadLetters,
                "stepwise.queue-url", queues.get(0),
                "stepwise.endpoint.dynamodb", emulators.endpoint(Emulators.DYNAMODB).toString(),
                "stepwise.endpoint.sqs", emulators.endpoint(Emulators.SQS).toString());
    }

    @Override
    public void stop() {
        if (emulators != null) {
            emulators.close();
        }
    }
}
