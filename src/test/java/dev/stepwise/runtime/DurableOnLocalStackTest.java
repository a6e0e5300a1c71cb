package dev.stepwise.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

/** The durable path on LocalStack's DynamoDB and SQS instead of dynalite and ElasticMQ (needs Docker). */
@Testcontainers(disabledWithoutDocker = true)
class DurableOnLocalStackTest {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.14.0")
            .withServices("dynamodb", "sqs");

    @BeforeAll
    static void layer() {
        SharedEmulators.assumeLanguageLayer();
    }

    @Test
    void mixedDefinitionWithWaitParallelAndMapsSucceedsTwiceDelivered() throws Exception {
        try (LocalRuntime local = LocalRuntime.builder(LOCALSTACK.getEndpoint(), LOCALSTACK.getEndpoint())
                .queue("localstack-steps").wrapQueue(q -> Faults.duplicating(q, 1)).start()) {
            String machine = local.runtime().createStateMachine("mixed", DurableFaultsTest.MIXED,
                    "arn:aws:iam::000000000000:role/test");
            String arn = local.runtime().startExecution(machine, "on-localstack", Json.parse("{}"));
            ExecutionHeader end = local.awaitEnd(arn, Duration.ofSeconds(120));
            assertEquals(ExecutionStatus.SUCCEEDED, end.status(), end.error() + ": " + end.cause());
            assertEquals(DurableFaultsTest.MIXED_OUTPUT, end.output());
            DurableFaultsTest.assertUniqueIncreasingIds(local, arn);
        }
    }
}
