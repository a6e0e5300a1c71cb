package dev.stepwise.tasks;

import dev.stepwise.asl.Json;
import dev.stepwise.engine.Resumption;

/**
 * A Task whose Resource is a function ARN ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:ALIAS]}):
 * the function is invoked with the state's effective input as its payload, and the task's result
 * is the JSON the function returned (not the lambda:invoke envelope).
 */
final class LambdaFunction implements ServiceIntegration {
    private final LambdaInvoker lambda;

    LambdaFunction(LambdaInvoker lambda) {
        this.lambda = lambda;
    }

    @Override
    public Resumption call(TaskCall call) {
        LambdaInvoker.Invocation invocation = lambda.invoke(call, call.request().resource(), Json.write(call.parameters()),
                null, null, null, null);
        if (invocation.failure() != null) {
            return invocation.failure();
        }
        String body = invocation.response().body();
        return new Resumption.TaskSucceeded(body == null || body.isEmpty() ? Json.NODES.nullNode()
                : LambdaInvoker.payload(invocation.response()));
    }
}
