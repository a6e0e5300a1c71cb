package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;

/**
 * Distributed Maps whose ItemReader reads, and whose ResultWriter writes, the embedded S3 server,
 * through the durable runtime and the real SfnClient (what {@code ./stepwise serve} runs). Shapes
 * from the developer guide's "ItemReader (Map)" and "ResultWriter (Map)" pages: the items of
 * each InputType, the result files {@code Prefix/<Map Run id>/SUCCEEDED_0.json} etc. with their
 * manifest, and the state's result {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}.
 */
class DistributedMapS3ApiTest {
    private static LocalSfn local;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        local = LocalSfn.durableWithS3();
        s3 = new AwsClients("us-east-1", new RequestCounter()).s3(LocalSfn.s3Endpoint());
        bucket = "dmap-" + System.nanoTime();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static void put(String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    private static String get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    /** A Distributed Map state with these fields, whose items run {@code processor} (one state, "Work"). */
    private static String machine(String fields, String processor) {
        return """
                {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Label": "Items", %s
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Work", "States": {"Work": %s}}, "End": true}}}""".formatted(fields, processor);
    }

    private static final String PASS = "{\"Type\": \"Pass\", \"End\": true}";

    private DescribeExecutionResponse run(String definition, String input) {
        String machine = local.createMachine("dmap" + System.nanoTime(), definition);
        String arn = local.sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        DescribeExecutionResponse described = local.sfn.describeExecution(b -> b.executionArn(arn));
        while (described.status() == ExecutionStatus.RUNNING && System.nanoTime() < until) {
            sleep();
            described = local.sfn.describeExecution(b -> b.executionArn(arn));
        }
        return described;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String mapRunArn(String executionArn) {
        return local.history(executionArn).stream().filter(e -> e.mapRunStartedEventDetails() != null).findFirst().orElseThrow()
                .mapRunStartedEventDetails().mapRunArn();
    }

    private DescribeMapRunResponse mapRun(String executionArn) {
        return local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn(executionArn)));
    }

    @Test
    void aCsvFileWithAHeaderRowGivesOneChildPerRowWithItsItemSelectorInput() {
        put("csv/ratings.csv", "userId,movieId,rating\n1,307,3.5\n1,481,3.5\n1,1091,1.5\n2,10,4\n2,20,5\n");
        DescribeExecutionResponse done = run(machine("""
                "MaxConcurrency": 2,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                  "Parameters": {"Bucket.$": "$.bucket", "Key": "csv/ratings.csv"}},
                "ItemSelector": {"movie.$": "$$.Map.Item.Value.movieId", "index.$": "$$.Map.Item.Index"},""", PASS),
                "{\"bucket\": \"" + bucket + "\"}");
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        assertEquals(Json.parse("[{\"movie\": \"307\", \"index\": 0}, {\"movie\": \"481\", \"index\": 1}, {\"movie\": \"1091\", \"index\": 2},"
                + "{\"movie\": \"10\", \"index\": 3}, {\"movie\": \"20\", \"index\": 4}]"), Json.parse(done.output()));
        DescribeMapRunResponse run = mapRun(done.executionArn());
        assertEquals(MapRunStatus.SUCCEEDED, run.status());
        assertEquals(5, run.executionCounts().succeeded());
        assertEquals(5, run.itemCounts().total());
        assertEquals(0, run.executionCounts().running() + run.executionCounts().pending());
    }

    @Test
    void anItemBatcherBatchesReadItemsAndItemCountsCountItemsNotChildren() {
        put("json/numbers.json", "[1, 2, 3, 4, 5]");
        DescribeExecutionResponse done = run(machine("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                  "Parameters": {"Bucket": "%s", "Key": "json/numbers.json"}},
                "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"tag": "b"}},""".formatted(bucket), PASS), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        assertEquals(Json.parse("[{\"BatchInput\": {\"tag\": \"b\"}, \"Items\": [1, 2]}, {\"BatchInput\": {\"tag\": \"b\"}, \"Items\": [3, 4]},"
                + "{\"BatchInput\": {\"tag\": \"b\"}, \"Items\": [5]}]"), Json.parse(done.output()));
        DescribeMapRunResponse run = mapRun(done.executionArn());
        assertEquals(3, run.executionCounts().total());
        assertEquals(3, run.executionCounts().succeeded());
        assertEquals(5, run.itemCounts().total());
        assertEquals(5, run.itemCounts().succeeded());
    }

    @Test
    void jsonLinesWithMaxItemsPathReadOnlyThatManyItems() {
        put("jsonl/lines.jsonl", "{\"n\": 1}\n{\"n\": 2}\n{\"n\": 3}\n");
        DescribeExecutionResponse done = run(machine("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                  "ReaderConfig": {"InputType": "JSONL", "MaxItemsPath": "$.max"},
                  "Parameters": {"Bucket": "%s", "Key": "jsonl/lines.jsonl"}},""".formatted(bucket), PASS), "{\"max\": 2}");
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        assertEquals(Json.parse("[{\"n\": 1}, {\"n\": 2}]"), Json.parse(done.output()));
    }

    @Test
    void jsonataArgumentsAndMaxItemsReadAPipeDelimitedFileWithGivenHeaders() {
        put("csv/pipes.txt", "a|b\nc|d\ne|f\n");
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "Map", "States": {"Map": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["left", "right"],
                      "CSVDelimiter": "PIPE", "MaxItems": "{% $states.input.max %}"},
                    "Arguments": {"Bucket": "{% $states.input.bucket %}", "Key": "{% 'csv/' & 'pipes.txt' %}"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                    "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}}, "End": true}}}""";
        DescribeExecutionResponse done = run(definition, "{\"bucket\": \"" + bucket + "\", \"max\": 2}");
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        assertEquals(Json.parse("[{\"left\": \"a\", \"right\": \"b\"}, {\"left\": \"c\", \"right\": \"d\"}]"), Json.parse(done.output()));
    }

    @Test
    void anS3InventoryAndAListingOfAPrefixGiveTheirObjects() {
        put("inv/data/1.csv.gz", "");
        s3.putObject(b -> b.bucket(bucket).key("inv/data/1.csv.gz"), RequestBody.fromBytes(gzip(
                "\"" + bucket + "\",\"a.txt\",\"1\"\n\"" + bucket + "\",\"b.txt\",\"2\"\n")));
        put("inv/manifest.json", "{\"destinationBucket\": \"arn:aws:s3:::" + bucket + "\", \"fileFormat\": \"CSV\","
                + "\"fileSchema\": \"Bucket, Key, Size\", \"files\": [{\"key\": \"inv/data/1.csv.gz\"}]}");
        DescribeExecutionResponse inventory = run(machine("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"},
                  "Parameters": {"Bucket": "%s", "Key": "inv/manifest.json"}},""".formatted(bucket), PASS), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, inventory.status(), inventory.error() + ": " + inventory.cause());
        assertEquals(Json.parse("[{\"Bucket\": \"" + bucket + "\", \"Key\": \"a.txt\", \"Size\": \"1\"},"
                + "{\"Bucket\": \"" + bucket + "\", \"Key\": \"b.txt\", \"Size\": \"2\"}]"), Json.parse(inventory.output()));

        put("listed/x.txt", "xx");
        put("listed/y.txt", "yyy");
        DescribeExecutionResponse listed = run(machine("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "%s", "Prefix": "listed/"}},
                "ItemSelector": {"key.$": "$$.Map.Item.Value.Key", "size.$": "$$.Map.Item.Value.Size"},""".formatted(bucket), PASS), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, listed.status(), listed.error() + ": " + listed.cause());
        assertEquals(Json.parse("[{\"key\": \"listed/x.txt\", \"size\": 2}, {\"key\": \"listed/y.txt\", \"size\": 3}]"),
                Json.parse(listed.output()));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void aMissingObjectFailsTheMapWithItemReaderFailedThatACatcherSees() {
        String definition = """
                {"StartAt": "Map", "States": {"Map": {"Type": "Map", "Next": "Done",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                    "Parameters": {"Bucket": "%s", "Key": "no/such.json"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                  "Catch": [{"ErrorEquals": ["States.ItemReaderFailed"], "ResultPath": "$.error", "Next": "Done"}]},
                  "Done": {"Type": "Pass", "End": true}}}""".formatted(bucket);
        DescribeExecutionResponse done = run(definition, "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        JsonNode error = Json.parse(done.output()).get("error");
        assertEquals("States.ItemReaderFailed", error.get("Error").asText());
        assertTrue(error.get("Cause").asText().contains("(Service: S3, Status Code: 404"), error.toString());
        HistoryEvent failed = local.history(done.executionArn()).stream().filter(e -> e.mapRunFailedEventDetails() != null)
                .findFirst().orElseThrow();
        assertEquals("States.ItemReaderFailed", failed.mapRunFailedEventDetails().error());

        put("bad/format.json", "{\"an\": \"object\"}");
        DescribeExecutionResponse badFormat = run(machine("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                  "Parameters": {"Bucket": "%s", "Key": "bad/format.json"}},""".formatted(bucket), PASS), "{}");
        assertEquals(ExecutionStatus.FAILED, badFormat.status());
        assertEquals("States.ItemReaderFailed", badFormat.error());
    }

    @Test
    void aResultWriterExportsEachChildsDescriptionAndTheManifestAndTheStateGivesWhereTheyWent() {
        put("rw/in.json", "[{\"id\": 1}, {\"id\": 2}]");
        DescribeExecutionResponse done = run(machine("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                  "Parameters": {"Bucket": "%s", "Key": "rw/in.json"}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "%s", "Prefix": "results"}},"""
                .formatted(bucket, bucket), PASS), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        JsonNode output = Json.parse(done.output());
        String mapRunArn = mapRunArn(done.executionArn());
        String id = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
        // The guide: {"MapRunArn": ..., "ResultWriterDetails": {"Bucket": ..., "Key": "csvProcessJobs/<id>/manifest.json"}}
        assertEquals(mapRunArn, output.get("MapRunArn").asText());
        assertEquals(bucket, output.at("/ResultWriterDetails/Bucket").asText());
        assertEquals("results/" + id + "/manifest.json", output.at("/ResultWriterDetails/Key").asText());
        JsonNode manifest = Json.parse(get("results/" + id + "/manifest.json"));
        assertEquals(bucket, manifest.get("DestinationBucket").asText());
        assertEquals(mapRunArn, manifest.get("MapRunArn").asText());
        assertEquals("results/" + id + "/SUCCEEDED_0.json", manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText());
        assertEquals(0, manifest.at("/ResultFiles/FAILED").size());
        JsonNode succeeded = Json.parse(get("results/" + id + "/SUCCEEDED_0.json"));
        assertEquals(2, succeeded.size());
        JsonNode first = succeeded.get(0);
        // Transformation NONE (the default when exporting): Input and Output as JSON text, the child's description.
        assertEquals("{\"id\":1}", first.get("Input").asText());
        assertEquals("{\"id\":1}", first.get("Output").asText());
        assertEquals("SUCCEEDED", first.get("Status").asText());
        assertEquals("NOT_REDRIVABLE", first.get("RedriveStatus").asText());
        assertTrue(first.get("ExecutionArn").asText().contains(":execution:"), first.toString());
        assertEquals(manifest.at("/ResultFiles/SUCCEEDED/0/Size").asLong(), get("results/" + id + "/SUCCEEDED_0.json").length());
        assertEquals(2, local.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)).executionCounts().resultsWritten());
    }

    @Test
    void writerConfigShapesTheFilesAndTheStatesResult() {
        put("wc/in.json", "[[1, 2], [3]]");
        String reader = """
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                  "Parameters": {"Bucket": "%s", "Key": "wc/in.json"}},""".formatted(bucket);
        DescribeExecutionResponse compact = run(machine(reader + """
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "%s", "Prefix": "compact/"},
                  "WriterConfig": {"OutputType": "JSONL", "Transformation": "COMPACT"}},""".formatted(bucket), PASS), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, compact.status(), compact.error() + ": " + compact.cause());
        String key = Json.parse(compact.output()).at("/ResultWriterDetails/Key").asText();
        String folder = key.substring(0, key.length() - "manifest.json".length());
        assertEquals("[1,2]\n[3]\n", get(folder + "SUCCEEDED_0.jsonl"));

        DescribeExecutionResponse flattened = run(machine(reader + """
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "%s", "Prefix": "flat"},
                  "WriterConfig": {"OutputType": "JSON", "Transformation": "FLATTEN"}},""".formatted(bucket), PASS), "{}");
        String flatKey = Json.parse(flattened.output()).at("/ResultWriterDetails/Key").asText();
        assertEquals(Json.parse("[1, 2, 3]"), Json.parse(get(flatKey.replace("manifest.json", "SUCCEEDED_0.json"))));

        // WriterConfig alone exports nothing: the state's result is the shaped array.
        DescribeExecutionResponse preview = run(machine(reader + """
                "ResultWriter": {"WriterConfig": {"OutputType": "JSON", "Transformation": "FLATTEN"}},""", PASS), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, preview.status(), preview.error() + ": " + preview.cause());
        assertEquals(Json.parse("[1, 2, 3]"), Json.parse(preview.output()));
    }

    @Test
    void aFailedRunStillExportsItsFailedChildrenAndARefusedExportIsResultWriterFailed() {
        put("fail/in.json", "[1, 2, 3]");
        String processor = """
                {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Bad"}], "Default": "Ok"},
                  "Ok": {"Type": "Pass", "End": true},
                  "Bad": {"Type": "Fail", "Error": "ItemError", "Cause": "two is bad"}""";
        DescribeExecutionResponse done = run(machine("""
                "MaxConcurrency": 1,
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                  "Parameters": {"Bucket": "%s", "Key": "fail/in.json"}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "%s", "Prefix": "failed"}},"""
                .formatted(bucket, bucket), processor), "{}");
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("States.ExceedToleratedFailureThreshold", done.error());
        String mapRunArn = mapRunArn(done.executionArn());
        String folder = "failed/" + mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1) + "/";
        JsonNode failedEntries = Json.parse(get(folder + "FAILED_0.json"));
        assertEquals(1, failedEntries.size());
        assertEquals("ItemError", failedEntries.get(0).get("Error").asText());
        assertEquals("two is bad", failedEntries.get(0).get("Cause").asText());
        assertEquals("FAILED", failedEntries.get(0).get("Status").asText());
        JsonNode manifest = Json.parse(get(folder + "manifest.json"));
        assertEquals(1, manifest.at("/ResultFiles/FAILED").size());

        DescribeExecutionResponse refused = run(machine("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                  "Parameters": {"Bucket": "%s", "Key": "fail/in.json"}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "no-such-%d"}},"""
                .formatted(bucket, System.nanoTime()), PASS), "{}");
        assertEquals(ExecutionStatus.FAILED, refused.status());
        assertEquals("States.ResultWriterFailed", refused.error());
    }

    @Test
    void redrivingTheParentRedrivesTheRunAndRecordsItsRedrive() {
        put("redrive/in.json", "[1, 2]");
        // Item 2 fails until its child is redriven (a redrive enters the failed state again, with the same input).
        String processor = """
                {"Type": "Pass", "QueryLanguage": "JSONata", "End": true,
                  "Output": "{% $states.input = 2 and $states.context.Execution.RedriveCount = 0 ? $error('not yet') : $states.input %}"}""";
        DescribeExecutionResponse failed = run(machine("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                  "Parameters": {"Bucket": "%s", "Key": "redrive/in.json"}},""".formatted(bucket), processor), "{}");
        assertEquals(ExecutionStatus.FAILED, failed.status());
        String arn = failed.executionArn();
        local.sfn.redriveExecution(b -> b.executionArn(arn));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        DescribeExecutionResponse done = local.sfn.describeExecution(b -> b.executionArn(arn));
        while (done.status() == ExecutionStatus.RUNNING && System.nanoTime() < until) {
            sleep();
            done = local.sfn.describeExecution(b -> b.executionArn(arn));
        }
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.error() + ": " + done.cause());
        assertEquals(Json.parse("[1, 2]"), Json.parse(done.output()));
        DescribeMapRunResponse run = mapRun(arn);
        assertEquals(1, run.redriveCount());
        assertTrue(run.redriveDate() != null);
        assertEquals(2, run.executionCounts().succeeded());
        List<HistoryEvent> redriven = local.history(arn).stream().filter(e -> e.typeAsString().equals("MapRunRedriven")).toList();
        assertEquals(1, redriven.size());
        assertEquals(mapRunArn(arn), redriven.get(0).mapRunRedrivenEventDetails().mapRunArn());
        assertEquals(1, redriven.get(0).mapRunRedrivenEventDetails().redriveCount());
    }
}
