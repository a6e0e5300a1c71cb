package dev.stepwise.tasks;

import dev.stepwise.aws.AwsClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * One signed request to an AWS service's wire protocol (JSON 1.0/1.1, REST-JSON, query), sent with
 * the JDK's HTTP client and signed by the SDK's SigV4 signer. The integrations speak the protocols
 * directly instead of through SDK clients: Step Functions passes parameters and results in the
 * services' own JSON shapes, so they go through unchanged, the Lambda package needs no further SDK
 * modules, and no SDK retry policy can repeat a call — retries happen only through the state's Retry.
 */
final class AwsCall {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final IntegrationConfig config;
    private final SharedHttpClient http;
    private final Map<URI, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();

    AwsCall(IntegrationConfig config, SharedHttpClient http) {
        this.config = config;
        this.http = http;
    }

    IntegrationConfig config() {
        return config;
    }

    /**
     * Sends {@code body} to {@code service} ({@code pathAndQuery} appended to its endpoint).
     * @throws IOException when no response arrived (the SDK's client exception)
     */
    AwsResponse send(AwsService service, String region, String method, String pathAndQuery, Map<String, String> headers,
                     String body, Duration timeout) throws IOException {
        URI endpoint = config.endpointOrAws(service.signingName(), region);
        URI uri = URI.create(stripSlash(endpoint.toString()) + pathAndQuery);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method));
        headers.forEach(unsigned::putHeader);
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials.computeIfAbsent(endpoint, e -> AwsClients.credentialsFor(config.endpoints()
                        .containsValue(e) ? e : null)).resolveCredentials())
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        SdkHttpRequest request = signed.request();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, bytes.length == 0 && !"POST".equals(method) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(v -> builder.header(header.getKey(), v));
            }
        }
        try {
            HttpResponse<String> response = http.get().send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new AwsResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + uri, e);
        }
    }

    /** The JDK client sets these itself and refuses them from callers. */
    private static final java.util.Set<String> RESTRICTED = java.util.Set.of("host", "content-length", "connection",
            "expect", "upgrade");

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
