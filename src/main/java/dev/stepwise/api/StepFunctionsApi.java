package dev.stepwise.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.api.teststate.OptimizedIntegrationModels;
import dev.stepwise.api.teststate.ResultModels;
import dev.stepwise.tasks.TaskExecutor;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Step Functions API in the AWS JSON 1.0 protocol: {@code POST /} with
 * {@code X-Amz-Target: AWSStepFunctions.<Action>} and a JSON body. Actions are found in an
 * explicit registry. Every client mistake is an AWS error shape with status 400; only a bug in
 * Stepwise gives 500, and never with a stack trace.
 */
public final class StepFunctionsApi {
    public static final String TARGET_PREFIX = "AWSStepFunctions.";

    private final Map<String, Action> actions;
    private final Consumer<Throwable> bugs;

    /**
     * @param tasks what TestState's Task states call: the task executor the runtime uses, so a
     *              state tested on its own calls the same integrations as in an execution
     */
    public StepFunctionsApi(ApiContext context, TaskExecutor tasks, Consumer<Throwable> bugs) {
        this(context, tasks, new OptimizedIntegrationModels(context.config().region()), bugs);
    }

    /** As above, with the response models TestState checks mocked results against. */
    public StepFunctionsApi(ApiContext context, TaskExecutor tasks, ResultModels models, Consumer<Throwable> bugs) {
        this.bugs = bugs;
        StateMachineActions machines = new StateMachineActions(context);
        ExecutionActions executions = new ExecutionActions(context);
        VersionActions versions = new VersionActions(context);
        TagActions tags = new TagActions(context);
        AliasActions aliases = new AliasActions(context);
        TaskTokenActions taskTokens = new TaskTokenActions(context);
        ActivityActions activities = new ActivityActions(context);
        MapRunActions mapRuns = new MapRunActions(context);
        this.actions = Map.ofEntries(
                Map.entry("CreateStateMachine", machines::create),
                Map.entry("DescribeStateMachine", machines::describe),
                Map.entry("UpdateStateMachine", machines::update),
                Map.entry("DeleteStateMachine", machines::delete),
                Map.entry("ListStateMachines", machines::list),
                Map.entry("ValidateStateMachineDefinition", new ValidateDefinitionAction()),
                Map.entry("StartExecution", executions::start),
                Map.entry("StartSyncExecution", executions::startSync),
                Map.entry("DescribeExecution", executions::describe),
                Map.entry("StopExecution", executions::stop),
                Map.entry("RedriveExecution", new RedriveAction(context)),
                Map.entry("ListExecutions", executions::list),
                Map.entry("GetExecutionHistory", executions::history),
                Map.entry("DescribeStateMachineForExecution", executions::describeStateMachine),
                Map.entry("TestState", new TestStateAction(context, tasks, models)),
                Map.entry("PublishStateMachineVersion", versions::publish),
                Map.entry("ListStateMachineVersions", versions::list),
                Map.entry("DeleteStateMachineVersion", versions::delete),
                Map.entry("CreateStateMachineAlias", aliases::create),
                Map.entry("DescribeStateMachineAlias", aliases::describe),
                Map.entry("UpdateStateMachineAlias", aliases::update),
                Map.entry("DeleteStateMachineAlias", aliases::delete),
                Map.entry("ListStateMachineAliases", aliases::list),
                Map.entry("TagResource", tags::tag),
                Map.entry("UntagResource", tags::untag),
                Map.entry("ListTagsForResource", tags::list),
                Map.entry("SendTaskSuccess", taskTokens::success),
                Map.entry("SendTaskFailure", taskTokens::failure),
                Map.entry("SendTaskHeartbeat", taskTokens::heartbeat),
                Map.entry("CreateActivity", activities::create),
                Map.entry("DescribeActivity", activities::describe),
                Map.entry("DeleteActivity", activities::delete),
                Map.entry("ListActivities", activities::list),
                Map.entry("GetActivityTask", activities::getTask),
                Map.entry("DescribeMapRun", mapRuns::describe),
                Map.entry("ListMapRuns", mapRuns::list),
                Map.entry("UpdateMapRun", mapRuns::update));
    }

    /** @param target the X-Amz-Target header (null when missing); @param body the request body */
    public ApiResponse handle(String target, String body) {
        try {
            String name = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
            Action action = name == null ? null : actions.get(name);
            if (action == null) {
                // AWS names no operation in this answer; the header itself is echoed by no client.
                throw new ApiException("UnknownOperationException", null);
            }
            JsonNode result = action.handle(new Request(name, parse(body)));
            return new ApiResponse(200, Json.write(result), null);
        } catch (ApiException e) {
            ObjectNode error = Json.object().put("__type", e.code());
            if (e.getMessage() != null) {
                error.put("message", e.getMessage());
            }
            return new ApiResponse(e.status(), Json.write(error), e.code());
        } catch (RuntimeException | StackOverflowError e) {
            bugs.accept(e);
            return new ApiResponse(500, Json.write(Json.object().put("__type", "InternalFailure")
                    .put("message", "The request processing has failed because of an unknown error.")), "InternalFailure");
        }
    }

    private static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.object();
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.serialization("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.serialization("Request body could not be read");
        }
        if (tree == null || tree.isMissingNode()) {
            return Json.object();
        }
        if (!tree.isObject()) {
            throw ApiException.serialization("Start of structure or map found where not expected");
        }
        return (ObjectNode) tree;
    }
}
