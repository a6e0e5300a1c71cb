package dev.stepwise.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.TaskPort;
import dev.stepwise.asl.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * CreateActivity, DescribeActivity, DeleteActivity, ListActivities and GetActivityTask.
 * Recorded on AWS: creating an existing activity returns it again; deleting one that does not
 * exist succeeds; describing or polling one that does not exist is ActivityDoesNotExist.
 * GetActivityTask long-polls up to 60 seconds (less when the caller cannot wait that long), then
 * answers with no token.
 */
final class ActivityActions {
    static final String ACTIVITY = "activity";
    private static final Duration LONG_POLL = Duration.ofSeconds(60);

    private final ApiContext context;
    private final Duration longPoll;

    ActivityActions(ApiContext context) {
        this(context, LONG_POLL);
    }

    ActivityActions(ApiContext context, Duration longPoll) {
        this.context = context;
        this.longPoll = longPoll;
    }

    JsonNode create(Request request) {
        String name = request.string("name", 1, 80, true);
        Names.check("name", name);
        String arn = "arn:aws:states:" + context.config().region() + ":" + context.config().account() + ":" + ACTIVITY + ":" + name;
        TaskPort.Activity activity = context.tasks().createActivity(arn, name, context.clock().instant());
        ObjectNode out = Json.object().put("activityArn", activity.arn());
        Shapes.putTimestamp(out, "creationDate", activity.creationDate());
        return out;
    }

    JsonNode describe(Request request) {
        TaskPort.Activity activity = existing(request);
        ObjectNode out = Json.object().put("activityArn", activity.arn()).put("name", activity.name());
        Shapes.putTimestamp(out, "creationDate", activity.creationDate());
        return out;
    }

    JsonNode delete(Request request) {
        context.tasks().deleteActivity(arn(request));
        return Json.object();
    }

    JsonNode list(Request request) {
        int limit = request.maxResults(100);
        String after = context.tokens().open("ListActivities", request.string("nextToken", 1, 1024, false));
        List<TaskPort.Activity> all = context.tasks().activities();
        ArrayNode items = Json.NODES.arrayNode();
        String next = null;
        for (TaskPort.Activity activity : all) {
            if (after != null && activity.arn().compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == limit) {
                next = items.get(items.size() - 1).get("activityArn").asText();
                break;
            }
            ObjectNode item = items.addObject().put("activityArn", activity.arn()).put("name", activity.name());
            Shapes.putTimestamp(item, "creationDate", activity.creationDate());
        }
        ObjectNode out = Json.object();
        out.set("activities", items);
        Shapes.putIfSet(out, "nextToken", context.tokens().seal("ListActivities", next));
        return out;
    }

    /** Answers when a task comes or the long poll ends, holding no thread in between. */
    CompletionStage<JsonNode> getTask(Request request) {
        TaskPort.Activity activity = existing(request);
        String worker = request.string("workerName", 1, 80, false);
        return context.tasks().take(activity.arn(), worker, request.waitUpTo(longPoll)).thenApply(task -> {
            ObjectNode out = Json.object();
            task.ifPresent(t -> out.put("taskToken", t.token()).put("input", Json.write(t.input())));
            return out;
        });
    }

    private TaskPort.Activity existing(Request request) {
        String arn = arn(request);
        return context.tasks().activity(arn).orElseThrow(() ->
                new ApiException("ActivityDoesNotExist", "Activity Does Not Exist: '" + arn + "'"));
    }

    private String arn(Request request) {
        String arn = request.string("activityArn", 1, 256, true);
        context.arns().parse(arn, ACTIVITY);
        return arn;
    }
}
