package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.teststate.IsolatedRun;
import dev.stepwise.api.teststate.Mock;
import dev.stepwise.api.teststate.StateUnderTest;
import dev.stepwise.api.teststate.TestStateChecks;
import dev.stepwise.asl.Json;
import dev.stepwise.engine.Engine;
import dev.stepwise.engine.EngineOptions;
import dev.stepwise.engine.ExecutionInfo;
import dev.stepwise.engine.Variables;
import dev.stepwise.tasks.TaskExecutor;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

/**
 * TestState, as the API reference describes it since November 2025: one state (the definition,
 * or {@code stateName} of a whole machine) on an input, with optional variables, mock, context
 * and stateConfiguration, persisting nothing. Tasks call their resources through the runtime's
 * task executor unless mocked. Answers SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR, with
 * inspectionData at DEBUG and TRACE (TRACE adds an HTTP Task's request and response).
 */
final class TestStateAction implements Action {
    private final ApiContext context;
    private final IsolatedRun runs;
    private final TestStateChecks checks;

    TestStateAction(ApiContext context, TaskExecutor tasks, dev.stepwise.api.teststate.ResultModels models) {
        this.context = context;
        this.runs = new IsolatedRun(new Engine(new EngineOptions(EngineOptions.AWS_PAYLOAD_LIMIT_BYTES,
                context.config().region())), tasks);
        this.checks = new TestStateChecks(models);
    }

    @Override
    public JsonNode handle(Request request) {
        String definition = StateMachineActions.definition(request, true);
        String roleArn = StateMachineActions.roleArn(request, false);
        String inputText = request.string(INPUT);
        String level = request.oneOf("inspectionLevel", List.of("INFO", "DEBUG", "TRACE"));
        boolean revealSecrets = request.bool("revealSecrets", false);
        String stateName = request.string("stateName", 1, 80, false);
        String input = inputText == null ? "{}" : inputText;
        ExecutionActions.checkInput(input);
        Variables variables = variables(request.string("variables"));
        Mock mock = Mock.of(request);
        StateUnderTest tested = StateUnderTest.of(definition, stateName);
        TestStateChecks.Configuration configuration = checks.check(request, tested, mock, revealSecrets);

        JsonNode inputNode = Json.parseUserValue(input);
        String machineName = "TestState";
        String machineArn = context.arns().stateMachine(machineName);
        String name = UUID.randomUUID().toString();
        // Recorded on AWS: TestState's $$.Execution.Id is an Express execution ARN without an id part.
        String executionArn = machineArn.replace(":" + Arns.STATE_MACHINE + ":", ":express:") + ":" + name;
        ExecutionInfo execution = new ExecutionInfo(executionArn, name, inputNode, roleArn, context.clock().instant(), 0,
                null, machineArn, machineName);
        IsolatedRun.Result result = runs.run(tested, new IsolatedRun.Setup(execution, inputNode, variables, mock,
                configuration.context(), configuration.retrierRetryCount(), configuration.mapIterationFailureCount(),
                configuration.itemReaderData()), context.clock().instant(), new SecureRandom());

        ObjectNode out = Json.object().put(STATUS, result.status().name());
        if (result.output() != null) {
            out.put(OUTPUT, Json.write(result.output()));
        }
        Shapes.putIfSet(out, ERROR, result.error());
        Shapes.putIfSet(out, CAUSE, result.cause());
        Shapes.putIfSet(out, "nextState", result.nextState());
        if ("DEBUG".equals(level) || "TRACE".equals(level)) {
            out.set("inspectionData", dev.stepwise.api.teststate.InspectionData.of(tested, input, result,
                    "TRACE".equals(level), revealSecrets));
        }
        return out;
    }

    /** TestState's {@code variables}: a JSON object of name → value, the variables the state sees. */
    private static Variables variables(String text) {
        if (text == null) {
            return Variables.NONE;
        }
        JsonNode value;
        try {
            value = Json.parseUserValue(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException("InvalidExecutionInput", "Invalid variables: '" + e.getMessage() + "'");
        }
        if (!value.isObject()) {
            throw new ApiException("InvalidExecutionInput", "Invalid variables: 'variables must be a JSON object'");
        }
        return Variables.NONE.with(value);
    }
}
