package dev.stepwise.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The embedded S3 server through the AWS SDK's own S3 client, as a user's tools would reach it. */
class S3ServerTest {
    static S3Client client(URI endpoint) {
        // S3Proxy does not read the aws-chunked bodies with trailing checksums that SDKs send by default
        // since early 2025; "when required" sends plain bodies (README, "S3").
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any"))).build();
    }

    @Test
    void theEmulatorsStartAnS3ServerThatStoresAndListsObjects() {
        try (Emulators emulators = Emulators.start(Map.of(Emulators.DYNAMODB, URI.create("http://127.0.0.1:1"),
                Emulators.SQS, URI.create("http://127.0.0.1:1")), null);
             S3Client s3 = client(emulators.endpoint(Emulators.S3))) {
            s3.createBucket(b -> b.bucket("data"));
            s3.putObject(b -> b.bucket("data").key("in/rows.csv"), RequestBody.fromString("id,name\n1,a\n"));
            assertEquals("id,name\n1,a\n", s3.getObjectAsBytes(b -> b.bucket("data").key("in/rows.csv")).asUtf8String());
            assertEquals(List.of("in/rows.csv"), s3.listObjectsV2(b -> b.bucket("data").prefix("in/")).contents().stream()
                    .map(o -> o.key()).toList());
            assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket("data").key("missing")));
            assertEquals(List.of("endpoint s3 " + emulators.endpoint(Emulators.S3)), emulators.endpointLines(),
                    "only the emulators it started are announced");
        }
    }

    @Test
    void withADataDirectoryTheBucketsOutliveTheServer(@TempDir Path dir) {
        Map<String, URI> others = Map.of(Emulators.DYNAMODB, URI.create("http://127.0.0.1:1"), Emulators.SQS,
                URI.create("http://127.0.0.1:1"));
        try (Emulators emulators = Emulators.start(others, null, dir.resolve("s3"));
             S3Client s3 = client(emulators.endpoint(Emulators.S3))) {
            s3.createBucket(b -> b.bucket("kept"));
            s3.putObject(b -> b.bucket("kept").key("a.json"), RequestBody.fromString("{\"a\":1}"));
        }
        assertTrue(Files.isDirectory(dir.resolve("s3/kept")), "one directory per bucket under the data directory");
        try (Emulators emulators = Emulators.start(others, null, dir.resolve("s3"));
             S3Client s3 = client(emulators.endpoint(Emulators.S3))) {
            assertEquals("{\"a\":1}", s3.getObjectAsBytes(b -> b.bucket("kept").key("a.json")).asUtf8String());
        }
    }

    @Test
    void anS3EndpointGivenIsUsedAndNoServerIsStarted() {
        URI elsewhere = URI.create("http://127.0.0.1:1");
        try (Emulators emulators = Emulators.start(Map.of(Emulators.DYNAMODB, elsewhere, Emulators.SQS, elsewhere,
                Emulators.S3, elsewhere), null)) {
            assertEquals(elsewhere, emulators.endpoint(Emulators.S3));
            assertEquals(List.of(), emulators.endpointLines());
        }
    }
}
