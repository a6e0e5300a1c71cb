package dev.stepwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.CapacityMeter;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.runtime.RuntimeOptions;
import dev.stepwise.store.ExecutionHeader;
import dev.stepwise.tasks.IntegrationConfig;
import dev.stepwise.tasks.Integrations;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code bench --durable --workload distributed-map --items N}: a Distributed Map reads N CSV rows
 * from the embedded S3 server, runs a child execution per row (MaxConcurrency 1,000, so runs of
 * any size have as many children in flight) and writes the results back with its ResultWriter,
 * through the durable runtime on the local emulators. Prints the rate in items per second, the
 * DynamoDB, SQS and S3 requests per item (the children's check messages, a minute after their
 * starts, included), and the peak heap of this process, which holds the
 * step workers and the SQS emulator (S3's objects are kept on disk, DynamoDB runs in Node.js).
 */
final class DistributedMapBench {
    private static final int WORKERS = 8;
    private static final int WARM_UP_ITEMS = 200;
    static final String DEFINITION = """
            {"Comment": "bench: distributed-map", "StartAt": "Score", "States": {"Score": {"Type": "Map", "End": true,
              "MaxConcurrency": 1000,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                "Parameters": {"Bucket.$": "$.bucket", "Key.$": "$.key"}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket.$": "$.bucket", "Prefix": "results"},
                "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Add", "States": {"Add": {"Type": "Pass", "End": true, "Parameters": {"id.$": "$.id",
                  "total.$": "States.MathAdd(States.StringToJson($.a), States.StringToJson($.b))"}}}}}}}""";

    private final PrintStream out;
    private final PrintStream err;

    DistributedMapBench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<Integer> sizes) throws InterruptedException {
        Path s3Dir;
        try {
            s3Dir = Files.createTempDirectory("stepwise-bench-s3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CapacityMeter meter = new CapacityMeter();
        RequestCounter s3Requests = new RequestCounter();
        try (Emulators emulators = Emulators.start(Map.of(), null, s3Dir)) {
            Integrations tasks = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012")
                    .withEndpoints(emulators.endpoints()), s3Requests);
            try (LocalRuntime local = LocalRuntime.builder(emulators.endpoint(Emulators.DYNAMODB), emulators.endpoint(Emulators.SQS))
                    .workers(WORKERS).meter(meter).tasks(tasks).start()) {
                S3Client s3 = new AwsClients("us-east-1", new RequestCounter()).s3(emulators.endpoint(Emulators.S3));
                String bucket = "bench-" + System.nanoTime();
                s3.createBucket(b -> b.bucket(bucket));
                String machine = local.runtime().createStateMachine("bench-distributed-map", DEFINITION,
                        "arn:aws:iam::123456789012:role/bench");
                measure(local, s3, bucket, machine, WARM_UP_ITEMS, null, null, null);
                int status = StepwiseCli.OK;
                for (int items : sizes) {
                    if (!measure(local, s3, bucket, machine, items, local.counter(), s3Requests, meter)) {
                        status = StepwiseCli.FAILED;
                    }
                }
                return status;
            }
        }
    }

    /** One run over {@code items} rows; prints its numbers unless a warm-up (null counters). False when it did not succeed. */
    private boolean measure(LocalRuntime local, S3Client s3, String bucket, String machine, int items, RequestCounter counter,
                            RequestCounter s3Requests, CapacityMeter meter) throws InterruptedException {
        String key = "rows-" + items + ".csv";
        StringBuilder csv = new StringBuilder("id,a,b\n");
        for (int i = 0; i < items; i++) {
            csv.append(i).append(',').append(i % 97).append(',').append(i % 89).append('\n');
        }
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(csv.toString()));
        if (counter != null) {
            counter.reset();
            s3Requests.reset();
            meter.reset();
        }
        ExecutionHeader end;
        long start = System.nanoTime();
        double seconds;
        long peak;
        try (HeapWatch heap = new HeapWatch()) {
            String execution = local.runtime().startExecution(machine, "bench-" + items + "-" + System.nanoTime(),
                    Json.object().put("bucket", bucket).put("key", key));
            end = local.awaitEnd(execution, Duration.ofHours(2));
            seconds = (System.nanoTime() - start) / 1e9;
            peak = heap.peak();
        }
        // Each child's check message comes a minute after its start (ExecutionStarts): its requests
        // belong to this run, not to the next one measured.
        Thread.sleep(Duration.ofSeconds(RuntimeOptions.defaults().startCheckSeconds() + 5L).toMillis());
        String name = "distributed-map-" + items;
        if (end.status() != ExecutionStatus.SUCCEEDED || !wroteEveryResult(s3, end.output(), items)) {
            err.println("bench: " + name + " ended " + end.status() + ": " + end.error() + " " + end.cause() + " " + end.output());
            return false;
        }
        if (counter == null) {
            return true;
        }
        CostModel cost = CostModel.of(meter, counter, items + 1L);
        out.printf("bench: %s %d/s%n", name, Math.round(items / seconds));
        out.printf(Locale.ROOT, "requests: %s per item %.2f DynamoDB, %.2f SQS, %.4f S3%n", name,
                counter.total("DynamoDb") / (double) items, counter.total("Sqs") / (double) items, s3Requests.total("S3") / (double) items);
        out.printf(Locale.ROOT, "heap: %s peak %.1f MB%n", name, peak / 1048576.0);
        out.printf(Locale.ROOT, "cost: %s $%.2f per million items (DynamoDB, SQS, Lambda; S3 %.4f requests per item)%n", name,
                cost.perMillion(items), s3Requests.total("S3") / (double) items);
        err.printf(Locale.ROOT, "  %s: %d items in %.1f s; per item %.2f RRU, %.2f WRU, %.2f SQS messages (%s)%n", name, items,
                seconds, cost.readUnits() / items, cost.writeUnits() / items, cost.messages() / (double) items, counter.snapshot());
        return true;
    }

    /** The ResultWriter's manifest lists a SUCCEEDED file of one line per item. */
    private static boolean wroteEveryResult(S3Client s3, JsonNode output, int items) {
        String bucket = output.at("/ResultWriterDetails/Bucket").asText();
        JsonNode manifest = Json.parse(s3.getObjectAsBytes(b -> b.bucket(bucket).key(output.at("/ResultWriterDetails/Key").asText()))
                .asUtf8String());
        String results = manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText();
        String lines = s3.getObjectAsBytes(b -> b.bucket(bucket).key(results)).asUtf8String();
        return lines.split("\n").length == items && manifest.at("/ResultFiles/FAILED").isEmpty();
    }
}
