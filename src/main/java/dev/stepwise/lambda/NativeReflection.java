package dev.stepwise.lambda;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import dev.stepwise.engine.history.EventDetails;
import io.quarkus.runtime.annotations.RegisterForProxy;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image must keep for reflection, listed by hand (NativeConfigurationTest scans the
 * compiled classes and fails when a type bound by reflection is missing here).
 *
 * <ul>
 * <li>The history event details: {@code store.HistoryJson} turns them into AWS-shaped JSON with
 *     {@code ObjectMapper.valueToTree}, which reads the record accessors by reflection. Every
 *     other JSON in Stepwise is a {@code JsonNode} tree and needs nothing.</li>
 * <li>{@code com.dashjoin.jsonata.Functions}: the JSONata library finds its built-in functions
 *     ({@code $string}, {@code $sum}, ...) with {@code Functions.class.getMethods()}.</li>
 * <li>The JSONata library's evaluation callbacks, which {@code asl.jsonata.JsonataGuard} implements
 *     as one dynamic proxy (their parameter type is not exported to implement them otherwise).</li>
 * </ul>
 * The Lambda events (SQSEvent, APIGatewayV2HTTPEvent, SQSBatchResponse, ...) are registered by
 * the Quarkus Lambda extension from the handlers' type arguments.
 */
@RegisterForReflection(targets = {
        EventDetails.None.class,
        EventDetails.ExecutionStarted.class,
        EventDetails.ExecutionSucceeded.class,
        EventDetails.ExecutionFailed.class,
        EventDetails.ExecutionAborted.class,
        EventDetails.ExecutionTimedOut.class,
        EventDetails.EvaluationFailed.class,
        EventDetails.StateEntered.class,
        EventDetails.StateExited.class,
        EventDetails.TaskScheduled.class,
        EventDetails.TaskStarted.class,
        EventDetails.TaskSucceeded.class,
        EventDetails.TaskFailed.class,
        EventDetails.TaskSubmitted.class,
        EventDetails.TaskTimedOut.class,
        EventDetails.LambdaFunctionTimedOut.class,
        EventDetails.ActivityStarted.class,
        EventDetails.ActivityTimedOut.class,
        EventDetails.ExecutionRedriven.class,
        EventDetails.LambdaFunctionScheduled.class,
        EventDetails.LambdaFunctionSucceeded.class,
        EventDetails.LambdaFunctionFailed.class,
        EventDetails.ActivityScheduled.class,
        EventDetails.ActivitySucceeded.class,
        EventDetails.ActivityFailed.class,
        EventDetails.MapStateStarted.class,
        EventDetails.MapIteration.class,
        EventDetails.MapRunStarted.class,
        EventDetails.MapRunFailed.class,
        EventDetails.MapRunRedriven.class,
        Functions.class,
})
@RegisterForProxy(targets = {Jsonata.EntryCallback.class, Jsonata.ExitCallback.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
