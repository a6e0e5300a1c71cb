package dev.stepwise.tasks;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the integrations send their calls: an endpoint per service ({@code lambda}, {@code sqs},
 * {@code dynamodb}, {@code sns}, {@code events}, and for AWS SDK integrations also {@code s3},
 * {@code states}, {@code secretsmanager}, {@code ssm}) — a local Lambda runtime, an emulator, LocalStack —
 * or, for a service not named, AWS's regional endpoint ({@code https://SERVICE.REGION.amazonaws.com}).
 * {@code region} signs the calls and names AWS endpoints; {@code accountId} completes bare Lambda
 * function names into ARNs where one is needed. {@code httpAuth} gives the HTTP Task's
 * authentication in place of EventBridge connections.
 */
public record IntegrationConfig(Map<String, URI> endpoints, String region, String accountId, HttpAuth httpAuth) {

    public static final String LAMBDA = "lambda";
    public static final String SQS = "sqs";
    public static final String DYNAMODB = "dynamodb";
    public static final String SNS = "sns";
    public static final String EVENTS = "events";
    public static final String S3 = "s3";
    /** Step Functions' own API (aws-sdk:sfn:*), named as its endpoints are: states.REGION.amazonaws.com. */
    public static final String STATES = "states";
    public static final String SECRETSMANAGER = "secretsmanager";
    public static final String SSM = "ssm";

    public IntegrationConfig {
        endpoints = Map.copyOf(endpoints);
        httpAuth = httpAuth == null ? HttpAuth.NONE : httpAuth;
    }

    /** AWS's endpoints in {@code region}, no HTTP Task authentication. */
    public static IntegrationConfig aws(String region, String accountId) {
        return new IntegrationConfig(Map.of(), region, accountId, HttpAuth.NONE);
    }

    /** This configuration with {@code service} sent to {@code uri}. */
    public IntegrationConfig withEndpoint(String service, URI uri) {
        Map<String, URI> copy = new HashMap<>(endpoints);
        copy.put(service, uri);
        return new IntegrationConfig(copy, region, accountId, httpAuth);
    }

    /** This configuration with every entry of {@code more} added (replacing what it names). */
    public IntegrationConfig withEndpoints(Map<String, URI> more) {
        Map<String, URI> copy = new HashMap<>(endpoints);
        copy.putAll(more);
        return new IntegrationConfig(copy, region, accountId, httpAuth);
    }

    /** {@code service}'s endpoint unless {@code endpoints} already names one. */
    public IntegrationConfig withDefaultEndpoint(String service, URI uri) {
        return endpoints.containsKey(service) || uri == null ? this : withEndpoint(service, uri);
    }

    public IntegrationConfig withHttpAuth(HttpAuth value) {
        return new IntegrationConfig(endpoints, region, accountId, value);
    }

    public Optional<URI> endpoint(String service) {
        return Optional.ofNullable(endpoints.get(service));
    }

    /** The configured endpoint, else AWS's in {@code callRegion}. */
    URI endpointOrAws(String service, String callRegion) {
        URI configured = endpoints.get(service);
        return configured != null ? configured : URI.create("https://" + service + "." + callRegion + ".amazonaws.com");
    }
}
