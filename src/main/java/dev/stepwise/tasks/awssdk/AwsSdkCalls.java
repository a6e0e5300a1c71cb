package dev.stepwise.tasks.awssdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Runs {@code arn:aws:states:::aws-sdk:SERVICE:ACTION} Tasks through the AWS SDK for Java v2,
 * which is what Step Functions itself runs them on: its error causes are the SDK v2's exception
 * text, {@code "MESSAGE (Service: S3, Status Code: 404, Request ID: ID, Extended Request ID: ID)"}
 * (recorded on AWS, LocalStack error_handling/test_aws_sdk test_no_such_bucket), and its error
 * names {@code <Service>.<exception class>}, the service's base exception for an error code its
 * model does not declare. One client per service and region, calling the endpoint configured for
 * the service's key, else AWS's.
 */
public final class AwsSdkCalls {
    /** What a call gave: a result, or an error and cause. */
    public record Outcome(JsonNode result, String error, String cause) {
        public boolean failed() {
            return error != null;
        }
    }

    private final Function<String, Optional<URI>> endpoints;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    /** {@code endpoints}: a service's endpoint key ({@link SdkService#endpointKey()}) to the endpoint to call, if not AWS's. */
    public AwsSdkCalls(Function<String, Optional<URI>> endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * Calls {@code action} of {@code service} in {@code region}, waiting at most {@code timeout}.
     * An unknown service or action, or parameters the action does not take, are failures too
     * (States.TaskFailed, saying so): a definition that names them is normally refused earlier.
     */
    public Outcome call(String service, String action, JsonNode parameters, String region, Duration timeout) {
        SdkService bundled = SdkServices.find(service).orElse(null);
        if (bundled == null) {
            return taskFailed("The AWS SDK integration for the service '" + service + "' is not bundled with Stepwise; "
                    + "the bundled services are " + String.join(", ", SdkServices.names()));
        }
        SdkOperation operation = bundled.operations().get(action);
        if (operation == null) {
            return taskFailed("The service '" + service + "' has no API action '" + action + "'");
        }
        SdkRequest request;
        RequestBody body = null;
        try {
            request = withTimeout((SdkRequest) SdkJson.request(operation, parameters), timeout);
            if (operation.uploadsBody()) {
                JsonNode given = parameters == null ? null : parameters.get(SdkJson.BODY);
                body = given == null || given.isNull() ? RequestBody.empty()
                        : RequestBody.fromString(given.isTextual() ? given.asText() : dev.stepwise.asl.Json.write(given));
            }
        } catch (SdkJson.BadParameter | IllegalArgumentException bad) {
            return taskFailed(bad.getMessage());
        }
        try {
            return new Outcome(SdkJson.result(operation.call().apply(client(bundled, region), request, body)), null, null);
        } catch (AwsServiceException e) {
            return serviceError(bundled, e);
        } catch (SdkException e) {
            // No answer came (connection refused, timeout): the SDK's client exception.
            return new Outcome(null, bundled.errorPrefix() + "." + e.getClass().getSimpleName(),
                    String.valueOf(e.getMessage()).replaceAll(" \\(SDK Attempt Count: \\d+\\)$", ""));
        }
    }

    private SdkClient client(SdkService service, String region) {
        return clients.computeIfAbsent(service.name() + "@" + region, key -> {
            URI endpoint = endpoints.apply(service.endpointKey()).orElse(null);
            return service.clients().create(new SdkService.ClientSettings(region, endpoint, AwsClients.credentialsFor(endpoint),
                    SdkServices.socketTimeout(service.name())));
        });
    }

    private static SdkRequest withTimeout(SdkRequest request, Duration timeout) {
        if (request instanceof AwsRequest aws && timeout != null) {
            return aws.toBuilder().overrideConfiguration(o -> o.apiCallTimeout(timeout)).build();
        }
        return request;
    }

    /** The SDK v2's exception text without its local retry note ("(SDK Attempt Count: N)"), which AWS's causes do not carry. */
    private static Outcome serviceError(SdkService service, AwsServiceException e) {
        String prefix = e.awsErrorDetails() != null && e.awsErrorDetails().serviceName() != null
                ? e.awsErrorDetails().serviceName() : service.errorPrefix();
        return new Outcome(null, prefix + "." + e.getClass().getSimpleName(), cause(e, prefix));
    }

    /**
     * A service error as Step Functions words causes:
     * {@code "MESSAGE (Service: S3, Status Code: 404, Request ID: …, Extended Request ID: …)"}.
     */
    public static String cause(AwsServiceException e, String prefix) {
        String message = e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : null;
        StringBuilder cause = new StringBuilder(String.valueOf(message)).append(" (Service: ").append(prefix)
                .append(", Status Code: ").append(e.statusCode()).append(", Request ID: ").append(e.requestId());
        if (e.extendedRequestId() != null) {
            cause.append(", Extended Request ID: ").append(e.extendedRequestId());
        }
        return cause.append(')').toString();
    }

    private static Outcome taskFailed(String cause) {
        return new Outcome(null, dev.stepwise.asl.StatesError.TASK_FAILED.aslName(), cause);
    }
}
