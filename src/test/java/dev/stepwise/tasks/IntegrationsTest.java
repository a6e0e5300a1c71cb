package dev.stepwise.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.engine.Resumption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the registry does not call: resources it does not support fail the task and say why. */
class IntegrationsTest {
    private final Integrations integrations = Integrations.create(IntegrationConfig.aws("us-east-1", "123456789012"));

    private Resumption.TaskFailed failed(String resource) {
        return assertInstanceOf(Resumption.TaskFailed.class, integrations.execute(Requests.task(resource, "{}"), "k"));
    }

    @Test
    void theRunAJobPatternOfAServiceIsUnsupportedAndSaysSo() {
        for (String resource : List.of("arn:aws:states:::lambda:invoke.sync", "arn:aws:states:::ecs:runTask.sync:2")) {
            Resumption.TaskFailed failed = failed(resource);
            assertEquals("States.TaskFailed", failed.error());
            assertTrue(failed.cause().contains("'" + resource + "'") && failed.cause().contains("run-a-job pattern"), failed.cause());
        }
    }

    @Test
    void nestedExecutionsAndActivitiesAreLeftToTheRuntime() {
        assertTrue(failed("arn:aws:states:::states:startExecution.sync:2").cause().contains("nested executions are run by the runtime"));
        assertTrue(failed("arn:aws:states:us-east-1:123456789012:activity:work").cause().contains("activities are run by the runtime"));
    }

    @Test
    void anUnknownServiceIntegrationListsTheSupportedOnes() {
        String cause = failed("arn:aws:states:::glue:startJobRun").cause();
        assertTrue(cause.startsWith("The resource 'arn:aws:states:::glue:startJobRun' is not supported by Stepwise"), cause);
        assertTrue(cause.contains("arn:aws:states:::sqs:sendMessage"), cause);
    }
}
