package dev.stepwise.aws;

import java.net.URI;
import java.time.Duration;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients the runtime takes in its constructors: the pure-Java URL connection
 * HTTP client, an optional endpoint override (an emulator, LocalStack), and the request counter.
 * With an endpoint override and no credentials in the environment, dummy static credentials are
 * used, as emulators accept any signature.
 */
public final class AwsClients {
    private final String region;
    private final RequestCounter counter;
    private final CapacityMeter meter;

    public AwsClients(String region, RequestCounter counter) {
        this(region, counter, null);
    }

    /** {@code meter}: when not null, measures the capacity the requests consume (the bench's cost lines). */
    public AwsClients(String region, RequestCounter counter, CapacityMeter meter) {
        this.region = region;
        this.counter = counter;
        this.meter = meter;
    }

    public RequestCounter counter() {
        return counter;
    }

    public DynamoDbClient dynamoDb(URI endpoint) {
        var builder = DynamoDbClient.builder()
                .region(Region.of(region))
                .httpClient(http(endpoint, Duration.ofSeconds(30)))
                .overrideConfiguration(overrides())
                .credentialsProvider(credentials(endpoint));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public SqsClient sqs(URI endpoint) {
        var builder = SqsClient.builder()
                .region(Region.of(region))
                // Long polls hold the connection for up to 20 s.
                .httpClient(http(endpoint, Duration.ofSeconds(40)))
                .overrideConfiguration(overrides())
                .credentialsProvider(credentials(endpoint));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /**
     * An S3 client: path-style for an endpoint given (the embedded S3 server is reached by IP), and
     * no checksums unless S3 requires them (S3Proxy does not read the aws-chunked bodies with
     * trailing checksums that the SDK sends by default).
     */
    public S3Client s3(URI endpoint) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .httpClient(http(endpoint, Duration.ofSeconds(70)))
                .overrideConfiguration(overrides())
                .credentialsProvider(credentials(endpoint))
                .forcePathStyle(endpoint != null)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /**
     * The pure-Java HTTP client. One that talks plain HTTP (to an emulator) gets no trust
     * managers: by default each client reads the JDK's whole trust store (some 140 certificates)
     * when it is built, a tenth of a second of a command's start, for TLS it never uses.
     */
    private static SdkHttpClient http(URI endpoint, Duration socketTimeout) {
        UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder().socketTimeout(socketTimeout);
        if (endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme())) {
            builder.tlsTrustManagersProvider(() -> new TrustManager[0]);
        }
        return builder.build();
    }

    private ClientOverrideConfiguration overrides() {
        ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder().addExecutionInterceptor(counter);
        if (meter != null) {
            overrides.addExecutionInterceptor(meter);
        }
        return overrides.build();
    }

    /** The credentials a client of {@code endpoint} signs with (dummy ones for an emulator, see above). */
    public static AwsCredentialsProvider credentialsFor(URI endpoint) {
        return credentials(endpoint);
    }

    private static AwsCredentialsProvider credentials(URI endpoint) {
        boolean fromEnvironment = System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null;
        if (endpoint != null && !fromEnvironment) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("stepwise", "stepwise"));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
