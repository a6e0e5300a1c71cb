package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.StatesFailure;
import dev.stepwise.aws.AwsClients;
import dev.stepwise.aws.RequestCounter;
import dev.stepwise.engine.ItemCursor;
import dev.stepwise.engine.ItemReaderRequest;
import dev.stepwise.local.Emulators;
import dev.stepwise.tasks.s3.S3ItemReading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * ItemReader sources read from the embedded S3 server, item by item, and read again from every
 * item's position (how a Map Run's pages resume). Shapes and rules from the developer guide's
 * "ItemReader (Map)" page: CSV fields are strings, quotes and doubled quotes, backslash escapes,
 * fewer fields give "" and more are skipped; listObjectsV2 items are
 * {Etag, Key, LastModified (epoch seconds), Size, StorageClass}; an S3 inventory's rows take the
 * manifest's fileSchema as their fields.
 */
class S3ItemReadingTest {
    private static S3Client s3;
    private static S3ItemReading reading;
    private static String bucket;

    @BeforeAll
    static void start() {
        Emulators emulators = TaskEmulators.get();
        s3 = new AwsClients("us-east-1", new RequestCounter()).s3(emulators.endpoint(Emulators.S3));
        reading = new S3ItemReading(region -> s3);
        bucket = "items-" + System.nanoTime();
        s3.createBucket(b -> b.bucket(bucket));
    }

    private static void put(String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }

    private static void putGzip(String key, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes.toByteArray()));
    }

    private static ItemReaderRequest getObject(String key, String inputType) {
        return new ItemReaderRequest(ItemReaderRequest.Action.GET_OBJECT, Json.object().put("Bucket", bucket).put("Key", key),
                inputType, null, null, null, 0);
    }

    /** Every item; and, from each item's position, the rest again, which must be the same items from there on. */
    private static List<JsonNode> readAndResume(ItemReaderRequest request) {
        List<JsonNode> items = new ArrayList<>();
        List<JsonNode> positions = new ArrayList<>();
        try (ItemCursor cursor = reading.open(request, "us-east-1", null)) {
            for (JsonNode item = cursor.next(); item != null; item = cursor.next()) {
                items.add(item);
                positions.add(cursor.positionOfLast());
            }
        }
        for (int i = 0; i < positions.size(); i++) {
            List<JsonNode> rest = new ArrayList<>();
            try (ItemCursor cursor = reading.open(request, "us-east-1", positions.get(i))) {
                for (JsonNode item = cursor.next(); item != null; item = cursor.next()) {
                    rest.add(item);
                }
            }
            assertEquals(items.subList(i, items.size()), rest, "read again from item " + i + " at " + positions.get(i));
        }
        return items;
    }

    @Test
    void aJsonArrayGivesItsElementsAndResumesFromAnyOfThem() {
        put("data/facts.json", " [ {\"verdict\": \"true\", \"n\": 1},\n {\"verdict\": \"false\", \"n\": [2, 3]} , \"é\", 4 ] \n");
        assertEquals(Json.parse("[{\"verdict\": \"true\", \"n\": 1}, {\"verdict\": \"false\", \"n\": [2, 3]}, \"é\", 4]"),
                Json.NODES.arrayNode().addAll(readAndResume(getObject("data/facts.json", "JSON"))));
    }

    @Test
    void jsonLinesGiveOneItemPerLine() {
        put("data/facts.jsonl", "{\"a\": 1}\n{\"a\": \"ü\"}\n\n{\"a\": 3}\n");
        assertEquals(List.of(Json.parse("{\"a\": 1}"), Json.parse("{\"a\": \"ü\"}"), Json.parse("{\"a\": 3}")),
                readAndResume(getObject("data/facts.jsonl", "JSONL")));
    }

    @Test
    void csvWithAHeaderRowFollowsTheGuidesParsingRules() {
        // The guide's rules: quoted fields hold commas and newlines, "" is a quote, a backslash escapes
        // a backslash, a quote or the delimiter and is dropped before anything else; missing fields are "",
        // extra fields are skipped. Multi-byte characters move byte positions away from character ones.
        put("data/rows.csv", "\uFEFFname,city\r\nÅsa,\"Malmö, \"\"SE\"\"\nnorth\"\nx\\,y\\q\\\\z\n\nlast,one,extra\n");
        List<JsonNode> items = readAndResume(getObject("data/rows.csv", "CSV"));
        assertEquals(List.of(Json.parse("{\"name\": \"Åsa\", \"city\": \"Malmö, \\\"SE\\\"\\nnorth\"}"),
                Json.parse("{\"name\": \"x,yq\\\\z\", \"city\": \"\"}"),
                Json.parse("{\"name\": \"last\", \"city\": \"one\"}")), items);
    }

    @Test
    void csvWithGivenHeadersAndEveryDocumentedDelimiter() {
        String[][] delimiters = {{"COMMA", ","}, {"PIPE", "|"}, {"SEMICOLON", ";"}, {"SPACE", " "}, {"TAB", "\t"}};
        for (String[] delimiter : delimiters) {
            String key = "data/given-" + delimiter[0] + ".csv";
            put(key, "1" + delimiter[1] + "307" + delimiter[1] + "3.5\n1" + delimiter[1] + "481" + delimiter[1] + "3.5\n");
            ItemReaderRequest request = new ItemReaderRequest(ItemReaderRequest.Action.GET_OBJECT,
                    Json.object().put("Bucket", bucket).put("Key", key), "CSV", "GIVEN", List.of("userId", "movieId", "rating"),
                    delimiter[0], 0);
            assertEquals(List.of(Json.parse("{\"userId\": \"1\", \"movieId\": \"307\", \"rating\": \"3.5\"}"),
                    Json.parse("{\"userId\": \"1\", \"movieId\": \"481\", \"rating\": \"3.5\"}")), readAndResume(request), delimiter[0]);
        }
    }

    @Test
    void aGzippedObjectIsReadThroughGzipAndResumesByCountingItems() {
        putGzip("data/rows.csv.gz", "a,b\n1,2\n3,4\n5,6\n");
        assertEquals(3, readAndResume(getObject("data/rows.csv.gz", "CSV")).size());
    }

    @Test
    void anS3InventoryGivesItsRowsWithTheManifestsColumns() {
        // The guide's example inventory: data files are gzip CSV without a header, in the destination bucket.
        putGzip("inv/data/part-1.csv.gz", "\"" + bucket + "\",\"csvDataset/\",\"0\",\"2022-11-16T00:27:19.000Z\"\n"
                + "\"" + bucket + "\",\"csvDataset/titles.csv\",\"3399671\",\"2022-11-16T00:29:32.000Z\"\n");
        putGzip("inv/data/part-2.csv.gz", "\"" + bucket + "\",\"imageDataset/n02085620_10074.jpg\",\"27034\",\"2022-11-15T20:02:16.000Z\"\n");
        put("inv/manifest.json", "{\"sourceBucket\": \"" + bucket + "\", \"destinationBucket\": \"arn:aws:s3:::" + bucket + "\","
                + "\"version\": \"2016-11-30\", \"fileFormat\": \"CSV\", \"fileSchema\": \"Bucket, Key, Size, LastModifiedDate\","
                + "\"files\": [{\"key\": \"inv/data/part-1.csv.gz\"}, {\"key\": \"inv/data/part-2.csv.gz\"}]}");
        List<JsonNode> items = readAndResume(getObject("inv/manifest.json", "MANIFEST"));
        assertEquals(3, items.size());
        assertEquals(Json.parse("{\"Bucket\": \"" + bucket + "\", \"Key\": \"csvDataset/titles.csv\", \"Size\": \"3399671\","
                + "\"LastModifiedDate\": \"2022-11-16T00:29:32.000Z\"}"), items.get(1));
        assertEquals("imageDataset/n02085620_10074.jpg", items.get(2).get("Key").asText());
    }

    @Test
    void listObjectsV2GivesEachObjectsMetadataUnderThePrefix() {
        put("listed/a.txt", "aa");
        put("listed/b/c.txt", "ccc");
        put("other/d.txt", "d");
        ItemReaderRequest request = new ItemReaderRequest(ItemReaderRequest.Action.LIST_OBJECTS_V2,
                Json.object().put("Bucket", bucket).put("Prefix", "listed/"), null, null, null, null, 0);
        List<JsonNode> items = readAndResume(request);
        assertEquals(List.of("listed/a.txt", "listed/b/c.txt"), items.stream().map(item -> item.get("Key").asText()).toList());
        JsonNode first = items.get(0);
        assertEquals(List.of("Etag", "Key", "LastModified", "Size", "StorageClass"), names(first));
        assertEquals(2, first.get("Size").asInt());
        assertTrue(first.get("Etag").asText().startsWith("\""), "the ETag keeps its quotes: " + first);
        assertTrue(first.get("LastModified").isIntegralNumber() && first.get("LastModified").asLong() > 1_600_000_000L, first.toString());
        assertEquals("STANDARD", first.get("StorageClass").asText());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aMissingKeyOrBucketFailsWithItemReaderFailedAndS3sMessage() {
        StatesFailure noKey = assertThrows(StatesFailure.class, () -> reading.open(getObject("missing.json", "JSON"), "us-east-1", null));
        assertEquals("States.ItemReaderFailed", noKey.error());
        assertTrue(noKey.cause().contains("(Service: S3, Status Code: 404"), noKey.cause());
        ItemReaderRequest noBucket = new ItemReaderRequest(ItemReaderRequest.Action.LIST_OBJECTS_V2,
                Json.object().put("Bucket", "missing-" + System.nanoTime()), null, null, null, null, 0);
        StatesFailure failure = assertThrows(StatesFailure.class, () -> reading.open(noBucket, "us-east-1", null));
        assertEquals("States.ItemReaderFailed", failure.error());
        assertTrue(failure.cause().startsWith("The specified bucket does not exist"), failure.cause());
    }

    @Test
    void aBadFormatFailsWithItemReaderFailed() {
        put("bad/object.json", "{\"not\": \"an array\"}");
        StatesFailure notArray = assertThrows(StatesFailure.class, () -> reading.open(getObject("bad/object.json", "JSON"), "us-east-1", null));
        assertEquals("States.ItemReaderFailed", notArray.error());
        assertEquals("Attempting to map over non-iterable node.", notArray.cause());
        put("bad/broken.json", "[1, 2, {\"a\": ]");
        try (ItemCursor cursor = reading.open(getObject("bad/broken.json", "JSON"), "us-east-1", null)) {
            cursor.next();
            cursor.next();
            StatesFailure broken = assertThrows(StatesFailure.class, cursor::next);
            assertEquals("States.ItemReaderFailed", broken.error());
            assertTrue(broken.cause().startsWith("The ItemReader could not parse its object: "), broken.cause());
        }
        put("bad/dup.csv", "a,b,a\n1,2,3\n");
        StatesFailure duplicates = assertThrows(StatesFailure.class, () -> reading.open(getObject("bad/dup.csv", "CSV"), "us-east-1", null));
        assertEquals("CSV headers cannot contain duplicates.", duplicates.cause());
    }

    @Test
    void aCsvHeaderOverTenKibIsAReaderLimit() {
        // AWS: "Currently, Step Functions supports CSV headers of up to 10 KiB."
        StringBuilder header = new StringBuilder();
        for (int i = 0; header.length() <= 10 * 1024; i++) {
            header.append(i == 0 ? "" : ",").append("column_").append(i);
        }
        put("bad/wide.csv", header + "\n1\n");
        StatesFailure wide = assertThrows(StatesFailure.class, () -> reading.open(getObject("bad/wide.csv", "CSV"), "us-east-1", null));
        assertEquals("States.ItemReaderFailed", wide.error());
    }

    @Test
    void anEmptyObjectHasNoItems() {
        put("empty.jsonl", "");
        try (ItemCursor cursor = reading.open(getObject("empty.jsonl", "JSONL"), "us-east-1", null)) {
            assertNull(cursor.next());
        }
    }
}
