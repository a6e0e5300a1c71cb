package dev.stepwise.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.api.teststate.OptimizedIntegrationModels;
import dev.stepwise.api.teststate.ResultModels;
import dev.stepwise.tasks.TaskExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The Step Functions API in the AWS JSON 1.0 protocol: {@code POST /} with
 * {@code X-Amz-Target: AWSStepFunctions.<Action>} and a JSON body. Actions are found in an
 * explicit registry. Every client mistake is an AWS error shape with status 400; only a bug in
 * Stepwise gives 500, and never with a stack trace.
 */
public final class StepFunctionsApi {
    public static final String TARGET_PREFIX = "AWSStepFunctions.";

    /**
     * Actions that may keep their thread for long: StartSyncExecution waits for an Express
     * execution (up to five minutes), TestState evaluates the user's expressions.
     */
    private static final Set<String> SLOW = Set.of("StartSyncExecution", "TestState");

    private final Map<String, Action> actions;
    /** Actions that wait for something to happen, without holding a thread. */
    private final Map<String, WaitingAction> waiting;
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
                Map.entry("DescribeMapRun", mapRuns::describe),
                Map.entry("ListMapRuns", mapRuns::list),
                Map.entry("UpdateMapRun", mapRuns::update));
        this.waiting = Map.of("GetActivityTask", activities::getTask);
    }

    /** @param target the X-Amz-Target header (null when missing); @param body the request body */
    public ApiResponse handle(String target, String body) {
        return handle(target, body, null);
    }

    /**
     * As {@link #handle(String, String)}, on the caller's thread, for a caller that cannot wait
     * longer than {@code waitLimit} (null for no limit): a long poll ends by then.
     */
    public ApiResponse handle(String target, String body, Duration waitLimit) {
        return answer(target, body, waitLimit, Runnable::run).toCompletableFuture().join();
    }

    /**
     * For a server whose threads must stay free for other calls: a quick action answers on the
     * caller's thread (the stage is complete on return); a slow one runs on {@code slowCalls},
     * and one that waits (a long poll) holds no thread and completes on the thread that ends the
     * wait. The stage never completes exceptionally: failures are AWS error shapes.
     */
    public CompletionStage<ApiResponse> handleAsync(String target, String body, Executor slowCalls) {
        return answer(target, body, null, slowCalls);
    }

    private CompletionStage<ApiResponse> answer(String target, String body, Duration waitLimit, Executor slowCalls) {
        try {
            String name = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
            WaitingAction waits = name == null ? null : waiting.get(name);
            if (waits != null) {
                return waits.handle(new Request(name, parse(body), waitLimit))
                        .handle((result, failure) -> failure == null ? ok(result) : failure(failure));
            }
            Action action = name == null ? null : actions.get(name);
            if (action == null) {
                // AWS names no operation in this answer; the header itself is echoed by no client.
                throw new ApiException("UnknownOperationException", null);
            }
            if (SLOW.contains(name)) {
                return CompletableFuture.supplyAsync(() -> respond(action, name, body), slowCalls);
            }
            return CompletableFuture.completedFuture(respond(action, name, body));
        } catch (RejectedExecutionException busy) {
            // Every thread for slow calls is taken: refused at once, as AWS throttles, rather than queued.
            return CompletableFuture.completedFuture(failure(new ApiException("ThrottlingException", "Rate exceeded")));
        } catch (RuntimeException | StackOverflowError e) {
            return CompletableFuture.completedFuture(failure(e));
        }
    }

    private ApiResponse respond(Action action, String name, String body) {
        try {
            return ok(action.handle(new Request(name, parse(body))));
        } catch (RuntimeException | StackOverflowError e) {
            return failure(e);
        }
    }

    private static ApiResponse ok(JsonNode result) {
        return new ApiResponse(200, Json.write(result), null);
    }

    private ApiResponse failure(Throwable thrown) {
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (e instanceof ApiException api) {
            ObjectNode error = Json.object().put("__type", api.code());
            if (api.getMessage() != null) {
                error.put("message", api.getMessage());
            }
            return new ApiResponse(api.status(), Json.write(error), api.code());
        }
        bugs.accept(e);
        return new ApiResponse(500, Json.write(Json.object().put("__type", "InternalFailure")
                .put("message", "The request processing has failed because of an unknown error.")), "InternalFailure");
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
