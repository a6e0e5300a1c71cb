package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The answer to a CloudFormation custom resource request, PUT to its ResponseURL: "The custom
 * resource provider ... must send a response to the presigned S3 URL; if it doesn't, the stack
 * operation waits [for the timeout, one hour by default]" (CloudFormation user guide, custom
 * resource response objects). The body is at most 4,096 bytes, so a long reason is cut.
 */
record CustomResourceResponse(Status status, String reason, String physicalResourceId, Map<String, String> data) {
    static final String STATUS = "Status";
    static final String REASON = "Reason";
    static final String PHYSICAL_RESOURCE_ID = "PhysicalResourceId";
    static final String STACK_ID = "StackId";
    static final String REQUEST_ID = "RequestId";
    static final String LOGICAL_RESOURCE_ID = "LogicalResourceId";
    static final String DATA = "Data";
    private static final int MAX_REASON = 1500;
    private static final int ATTEMPTS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    enum Status { SUCCESS, FAILED }

    static CustomResourceResponse success(String physicalResourceId, Map<String, String> data) {
        return new CustomResourceResponse(Status.SUCCESS, null, physicalResourceId, data);
    }

    static CustomResourceResponse failed(String physicalResourceId, String reason) {
        return new CustomResourceResponse(Status.FAILED, reason, physicalResourceId, Map.of());
    }

    /** The response body for {@code request}, as CloudFormation reads it. */
    String body(CloudFormationCustomResourceEvent request) {
        ObjectNode body = Json.object().put(STATUS, status.name());
        if (reason != null) {
            body.put(REASON, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason);
        }
        body.put(PHYSICAL_RESOURCE_ID, physicalResourceId).put(STACK_ID, request.getStackId())
                .put(REQUEST_ID, request.getRequestId()).put(LOGICAL_RESOURCE_ID, request.getLogicalResourceId());
        ObjectNode values = body.putObject(DATA);
        data.forEach(values::put);
        return body.toString();
    }

    /**
     * PUTs the response to the request's ResponseURL, trying three times. No Content-Type: the
     * URL is a presigned S3 URL whose signature covers the (empty) content type.
     */
    void send(CloudFormationCustomResourceEvent request) {
        HttpRequest put = HttpRequest.newBuilder(URI.create(request.getResponseUrl())).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(body(request))).build();
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> answer = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    return;
                }
                problem = "HTTP " + answer.statusCode() + ": " + answer.body();
            } catch (IOException e) {
                problem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = e.toString();
                break;
            }
            sleep(attempt * 500L);
        }
        // Thrown, the invocation fails and Lambda invokes it again (CloudFormation invokes custom
        // resources asynchronously); every operation here may be repeated without harm.
        throw new IllegalStateException("the ResponseURL did not take the response: " + problem);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
