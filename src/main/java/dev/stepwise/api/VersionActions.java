package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.AliasRecord;
import dev.stepwise.api.port.Page;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.VersionRecord;
import dev.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.List;

/** PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion. */
final class VersionActions {
    private final ApiContext context;

    VersionActions(ApiContext context) {
        this.context = context;
    }

    JsonNode publish(Request request) {
        String arn = request.string(STATE_MACHINE_ARN, 1, 256, true);
        String revisionId = request.string(REVISION_ID);
        String description = request.string(DESCRIPTION, 0, 256, false);
        machine(arn);
        StateMachineRecord machine = context.machines().find(arn).orElseThrow(() -> ApiException.stateMachineDoesNotExist(arn));
        // "If the revisionId doesn't match the state machine's current revision, the request fails
        // with ConflictException" (API reference); null stands for the first revision.
        if (revisionId != null && !revisionId.equals(machine.revisionId())) {
            throw new ApiException("ConflictException", "Failed to publish the State Machine version for revision "
                    + revisionId + ". The current State Machine revision is " + machine.revisionId() + ".");
        }
        VersionRecord version = context.machines().publishVersion(arn, description, context.clock().instant());
        ObjectNode out = Json.object();
        Shapes.putTimestamp(out, CREATION_DATE, version.creationDate());
        out.put(STATE_MACHINE_VERSION_ARN, version.stateMachineVersionArn());
        return out;
    }

    JsonNode list(Request request) {
        String arn = request.string(STATE_MACHINE_ARN, 1, 256, true);
        int limit = request.maxResults(100);
        String token = request.string(NEXT_TOKEN, 1, 1024, false);
        machine(arn);
        if (context.machines().find(arn).isEmpty()) {
            throw ApiException.stateMachineDoesNotExist(arn);
        }
        String scope = "ListStateMachineVersions|" + arn;
        Page<VersionRecord> page = context.machines().listVersions(arn, context.tokens().open(scope, token), limit);
        ArrayNode items = Json.NODES.arrayNode();
        for (VersionRecord version : page.items()) {
            ObjectNode item = items.addObject().put(STATE_MACHINE_VERSION_ARN, version.stateMachineVersionArn());
            Shapes.putTimestamp(item, CREATION_DATE, version.creationDate());
        }
        ObjectNode out = Json.object();
        out.set("stateMachineVersions", items);
        Shapes.putIfSet(out, NEXT_TOKEN, context.tokens().seal(scope, page.next()));
        return out;
    }

    JsonNode delete(Request request) {
        String arn = request.string(STATE_MACHINE_VERSION_ARN, 1, 256, true);
        Arns.Parsed parsed = context.arns().parse(arn, Arns.STATE_MACHINE);
        if (!Arns.isVersion(parsed)) {
            throw ApiException.invalidArn("Invalid version ARN: " + arn);
        }
        String machineArn = arn.substring(0, arn.lastIndexOf(':'));
        List<String> referencing = new ArrayList<>();
        String position = null;
        do {
            Page<AliasRecord> page = context.machines().listAliases(machineArn, position, 100);
            page.items().stream()
                    .filter(alias -> alias.routingConfiguration().stream().anyMatch(r -> r.stateMachineVersionArn().equals(arn)))
                    .forEach(alias -> referencing.add(alias.name()));
            position = page.next();
        } while (position != null);
        if (!referencing.isEmpty()) {
            // Recorded on AWS (test_sfn_api_aliasing, test_delete_version_with_alias).
            throw new ApiException("ConflictException", "Version to be deleted must not be referenced by an alias. "
                    + "Current list of aliases referencing this version: [" + String.join(", ", referencing) + "]");
        }
        // Deleting a version that does not exist succeeds, like deleting a machine.
        context.machines().deleteVersion(arn);
        return Json.object();
    }

    private void machine(String arn) {
        Arns.Parsed parsed = context.arns().parse(arn, Arns.STATE_MACHINE);
        if (parsed.parts().length > 1) {
            throw ApiException.invalidArn("Invalid ARN prefix: " + arn);
        }
    }
}
