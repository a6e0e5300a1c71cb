package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.ExecutionStatus;
import dev.stepwise.runtime.RuntimeOptions;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What {@code ./stepwise run} does with a Distributed Map over S3 (DurableRun: the emulators, the
 * durable runtime, the real integrations), and {@code run --in-memory} with {@code --endpoint s3=URL}
 * (the same runtime in memory, the same integrations): a CSV file read, batched and exported with
 * ResultWriter; a missing object failing the run with States.ItemReaderFailed.
 */
class DistributedMapRunCommandTest {
    private static URI s3Endpoint;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        s3Endpoint = TestEmulators.get().endpoint(Emulators.S3);
        s3 = new AwsClients("us-east-1", new RequestCounter()).s3(s3Endpoint);
        bucket = "run-" + System.nanoTime();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("in/rows.csv"), RequestBody.fromString("id;name\n1;ann\n2;bob\n3;cy\n"));
    }

    private static DurableRun.Result run(String definition, boolean inMemory) throws InterruptedException {
        JsonNode input = Json.parse("{\"bucket\": \"" + bucket + "\"}");
        DurableRun.Options options = DurableRun.Options.defaults().withEndpoints(Map.of(Emulators.S3, s3Endpoint));
        if (!inMemory) {
            return DurableRun.run("dmap", definition, input, options, DurableRun.Progress.NONE);
        }
        try (DurableRun run = DurableRun.inMemory(options.withRuntime(RuntimeOptions.defaults().withTimeScale(0)))) {
            return run.execute("dmap", definition, input, null, DurableRun.Progress.NONE);
        }
    }

    @ParameterizedTest(name = "in memory: {0}")
    @ValueSource(booleans = {false, true})
    void aCsvFileIsReadBatchedAndItsResultsExported(boolean inMemory) throws Exception {
        DurableRun.Result result = run("""
                {"StartAt": "Map", "States": {"Map": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "CSVDelimiter": "SEMICOLON"},
                    "Parameters": {"Bucket.$": "$.bucket", "Key": "in/rows.csv"}},
                  "ItemBatcher": {"MaxItemsPerBatch": 2},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket.$": "$.bucket", "Prefix": "out"},
                    "WriterConfig": {"OutputType": "JSON", "Transformation": "COMPACT"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Count", "States": {"Count": {"Type": "Pass", "Parameters": {"n.$": "States.ArrayLength($.Items)"},
                      "End": true}}}}}}""", inMemory);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.error() + ": " + result.cause());
        String manifestKey = result.output().at("/ResultWriterDetails/Key").asText();
        assertTrue(manifestKey.startsWith("out/") && manifestKey.endsWith("/manifest.json"), manifestKey);
        JsonNode manifest = Json.parse(s3.getObjectAsBytes(b -> b.bucket(bucket).key(manifestKey)).asUtf8String());
        String resultKey = manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText();
        assertEquals(Json.parse("[{\"n\": 2}, {\"n\": 1}]"),
                Json.parse(s3.getObjectAsBytes(b -> b.bucket(bucket).key(resultKey)).asUtf8String()));
    }

    @ParameterizedTest(name = "in memory: {0}")
    @ValueSource(booleans = {false, true})
    void aMissingObjectFailsTheRunWithItemReaderFailed(boolean inMemory) throws Exception {
        DurableRun.Result result = run("""
                {"StartAt": "Map", "States": {"Map": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL"},
                    "Parameters": {"Bucket.$": "$.bucket", "Key": "in/missing.jsonl"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", inMemory);
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.ItemReaderFailed", result.error());
        assertTrue(result.cause().contains("The specified key does not exist"), result.cause());
    }
}
