package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.CapacityMeter;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.store.ExecutionHeader;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code bench --durable}: the shared workloads through the durable path on the local emulators
 * (smaller sizes: the loop with n = 200, map over 1,000 items, parallel as it is), next to a
 * raw-I/O floor measured in the same run — the same number of SQS send/receive/delete and
 * DynamoDB put/get per transition with no engine, on as many threads as the runtime's workers.
 */
final class DurableBench {
    private static final int WORKERS = 4;

    private final PrintStream out;
    private final PrintStream err;

    DurableBench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Map<String, String> definitions, Map<String, JsonNode> inputs) throws InterruptedException {
        CapacityMeter meter = new CapacityMeter();
        try (Emulators emulators = Emulators.start(Map.of(), null);
             LocalRuntime local = LocalRuntime.builder(emulators.endpoint(Emulators.DYNAMODB), emulators.endpoint(Emulators.SQS))
                     .workers(WORKERS).meter(meter).start()) {
            RequestCounter counter = local.counter();
            int status = StepwiseCli.OK;
            for (Map.Entry<String, String> workload : definitions.entrySet()) {
                String name = workload.getKey();
                String machine = local.runtime().createStateMachine("bench-" + name, workload.getValue(),
                        "arn:aws:iam::123456789012:role/bench");
                run(local, machine, name + "-warmup", inputs.get(name));
                counter.reset();
                meter.reset();
                long start = System.nanoTime();
                ExecutionHeader end = run(local, machine, name + "-measured", inputs.get(name));
                double seconds = (System.nanoTime() - start) / 1e9;
                CostModel cost = CostModel.of(meter, counter, 1); // before the history is read back below
                if (end.status() != ExecutionStatus.SUCCEEDED) {
                    err.println("bench: durable-" + name + " ended " + end.status() + ": " + end.error() + " " + end.cause());
                    status = StepwiseCli.FAILED;
                    continue;
                }
                long transitions = transitions(local, end.executionArn());
                double rate = transitions / seconds;
                double floor = floor(emulators, transitions, chains(name));
                out.printf("bench: durable-%s %d/s%n", name, Math.round(rate));
                out.printf("bench: io-floor-%s %d/s%n", name, Math.round(floor));
                out.printf(java.util.Locale.ROOT, "cost: %s $%.2f per million transitions%n", name, cost.perMillion(transitions));
                err.printf(java.util.Locale.ROOT, "  %s: per transition %.2f RRU, %.2f WRU, %.2f SQS messages%n", name,
                        cost.readUnits() / transitions, cost.writeUnits() / transitions, cost.messages() / (double) transitions);
                err.printf("  %s: %d transitions in %.2f s, %.0f%% of the I/O floor; per transition %.2f DynamoDB + %.2f SQS requests (%s)%n",
                        name, transitions, seconds, 100 * rate / floor, counter.total("DynamoDb") / (double) transitions,
                        counter.total("Sqs") / (double) transitions, counter.snapshot());
            }
            return status;
        }
    }

    private static ExecutionHeader run(LocalRuntime local, String machine, String name, JsonNode input) throws InterruptedException {
        String execution = local.runtime().startExecution(machine, name, input);
        return local.awaitEnd(execution, Duration.ofMinutes(10));
    }

    /** States entered, counted from the stored history (what Step Functions bills). */
    private static long transitions(LocalRuntime local, String executionArn) {
        long entered = 0;
        for (JsonNode event : local.runtime().store().steps().history(executionArn)) {
            if (event.path("type").asText().endsWith("StateEntered")) {
                entered++;
            }
        }
        return entered;
    }

    /**
     * How many transitions of the workload can happen at once: the loop is one chain (each state
     * follows the one before), the map's items and the parallel's branches run side by side on
     * every worker. The floor is measured with as many chains: a sequential workload's I/O cannot
     * be spread over four threads, so a floor that did would measure what no runtime could reach.
     */
    private static int chains(String workload) {
        return workload.equals("loop") ? 1 : WORKERS;
    }

    /**
     * The same I/O a Pass→Pass transition needs at the least, with no engine: SQS send, receive
     * and delete of a pointer message, a DynamoDB get of the step and a put of its successor, on
     * {@code chains} threads.
     */
    private double floor(Emulators emulators, long transitions, int chains) throws InterruptedException {
        AwsClients clients = new AwsClients("us-east-1", new RequestCounter());
        DynamoDbClient dynamo = clients.dynamoDb(emulators.endpoint(Emulators.DYNAMODB));
        SqsClient sqs = clients.sqs(emulators.endpoint(Emulators.SQS));
        String table = "bench-floor-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        String queue = sqs.createQueue(b -> b.queueName(table)).queueUrl();
        String payload = Json.write(Json.parse("{\"counter\": 100, \"n\": 200}"));
        ExecutorService pool = Executors.newFixedThreadPool(chains);
        long start = System.nanoTime();
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int w = 0; w < chains; w++) {
                int worker = w;
                parts.add(pool.submit(() -> {
                    for (long i = worker; i < transitions; i += chains) {
                        String key = "step-" + i;
                        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(key));
                        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
                        dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(key))));
                        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key + "+1"),
                                "v", AttributeValue.fromS(payload))));
                        for (Message m : got) {
                            sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the I/O floor run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return transitions / ((System.nanoTime() - start) / 1e9);
    }

    /** The loop workload at n = 200 and the map workload over 1,000 items, as the runtime issue asks. */
    static JsonNode smaller(String workload, JsonNode input) {
        if (workload.equals("loop")) {
            ObjectNode small = Json.object();
            small.put("n", 200);
            return small;
        }
        if (workload.equals("map")) {
            ObjectNode small = Json.object();
            ArrayNode items = small.putArray("items");
            for (int i = 0; i < 1000; i++) {
                items.add(i);
            }
            return small;
        }
        return input;
    }
}
