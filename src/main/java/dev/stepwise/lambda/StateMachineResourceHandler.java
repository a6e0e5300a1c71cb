package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import dev.stepwise.api.StepFunctionsApi;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The custom resource provider of {@code Custom::StepwiseStateMachine} (StateMachineResource):
 * CloudFormation's request in, Stepwise's API called in process, the outcome PUT to the
 * request's ResponseURL. It always answers, success or failure, and answers before the function's
 * time runs out: an unanswered request holds the stack operation for an hour.
 */
@Named(StateMachineResourceHandler.NAME)
public class StateMachineResourceHandler implements RequestHandler<CloudFormationCustomResourceEvent, Void> {
    public static final String NAME = "state-machine-resource";
    private static final Logger LOG = Logger.getLogger(StateMachineResourceHandler.class);
    /** Kept back from the function's remaining time to send the answer. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);
    /** The time allowed when there is no Lambda context (a direct call). */
    private static final Duration WITHOUT_CONTEXT = Duration.ofMinutes(1);

    @Inject
    StepFunctionsApi api;

    /** The role ARN recorded on machines whose template gives none (the template sets the step worker's role). */
    @ConfigProperty(name = "stepwise.state-machine-role-arn")
    Optional<String> defaultRoleArn;

    @Override
    public Void handleRequest(CloudFormationCustomResourceEvent request, Context context) {
        StateMachineResource resource = new StateMachineResource(
                (action, body) -> api.handle(StepFunctionsApi.TARGET_PREFIX + action, body), defaultRoleArn.orElse(null));
        Duration time = context == null ? WITHOUT_CONTEXT
                : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(ANSWER_MARGIN);
        CustomResourceResponse response = within(time, () -> resource.apply(request), request);
        LOG.infof("%s %s (%s): %s%s", request.getRequestType(), request.getLogicalResourceId(), response.physicalResourceId(),
                response.status(), response.reason() == null ? "" : " " + response.reason());
        response.send(request);
        return null;
    }

    /** The outcome of {@code work}, or a failure saying why when it throws or does not end in time. */
    static CustomResourceResponse within(Duration time, Supplier<CustomResourceResponse> work,
            CloudFormationCustomResourceEvent request) {
        String physicalId = StateMachineResource.fallbackId(request);
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "custom-resource");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<CustomResourceResponse> outcome = worker.submit(work::get);
            return outcome.get(Math.max(0, time.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return CustomResourceResponse.failed(physicalId, request.getRequestType() + " did not finish within "
                    + time.toMillis() + " ms, the function's time less the answer's; the API or its table did not answer in time");
        } catch (ExecutionException e) {
            LOG.error("the custom resource request failed", e.getCause());
            return CustomResourceResponse.failed(physicalId, request.getRequestType() + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CustomResourceResponse.failed(physicalId, request.getRequestType() + " was interrupted");
        } finally {
            worker.shutdownNow();
        }
    }
}
