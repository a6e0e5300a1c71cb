package dev.stepwise.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.local.LocalRuntime;
import dev.stepwise.store.ExecutionHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a probe of the durable path's throughput and AWS requests per transition on the
 * shared workloads, for the bench's numbers. Runs only with -Dstepwise.probe=DIR (the workloads).
 */
class DurableBenchProbe {
    @Test
    void probe() throws Exception {
        String dir = System.getProperty("stepwise.probe");
        Assumptions.assumeTrue(dir != null, "probe only on request");
        try (LocalRuntime local = LocalRuntime.builder(SharedEmulators.dynamo(), SharedEmulators.sqs())
                .queue(SharedEmulators.uniqueQueue("probe")).workers(8).waitSeconds(1).start()) {
            for (String[] workload : new String[][] {{"loop", "{\"n\": 200}"}, {"parallel", null}, {"map", "1000"}}) {
                String definition = Files.readString(Path.of(dir, workload[0] + ".json"));
                JsonNode input = Json.parse(Files.readString(Path.of(dir, workload[0] + ".input.json")));
                if (workload[0].equals("loop")) {
                    input = Json.parse(workload[1]);
                } else if (workload[0].equals("map")) {
                    ArrayNode items = Json.NODES.arrayNode();
                    for (int i = 0; i < Integer.parseInt(workload[1]); i++) {
                        items.add(i);
                    }
                    input = Json.object().set("items", items);
                }
                String machine = local.runtime().createStateMachine("probe-" + workload[0] + System.nanoTime(), definition,
                        "arn:aws:iam::123456789012:role/probe");
                local.counter().reset();
                long start = System.nanoTime();
                String arn = local.runtime().startExecution(machine, "probe", input);
                ExecutionHeader end = local.awaitEnd(arn, Duration.ofMinutes(10));
                double seconds = (System.nanoTime() - start) / 1e9;
                long entered = 0;
                for (JsonNode event : local.runtime().store().history(arn)) {
                    if (event.get("type").asText().endsWith("StateEntered")) {
                        entered++;
                    }
                }
                Map<String, Long> counts = local.counter().snapshot();
                System.out.printf("probe: %s %s %d transitions in %.1f s = %.0f/s; per transition: DynamoDB %.2f, SQS sends %.2f; %s%n",
                        workload[0], end.status(), entered, seconds, entered / seconds,
                        (local.counter().total("DynamoDb") - local.counter().count("DynamoDb.GetItem")) / (double) entered,
                        (local.counter().count("Sqs.SendMessage") + local.counter().count("Sqs.SendMessageBatch")) / (double) entered,
                        counts);
                if (end.status() != ExecutionStatus.SUCCEEDED) {
                    System.out.println("probe: " + end.error() + " " + end.cause());
                }
            }
        }
    }
}
