package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.Page;
import dev.stepwise.api.port.StateMachineRecord;
import dev.stepwise.api.port.VersionRecord;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.model.StateMachineParser;
import dev.stepwise.asl.validate.Diagnostic;
import dev.stepwise.asl.validate.InvalidDefinitionException;
import dev.stepwise.tasks.awssdk.AwsSdkDefinitions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine, ListStateMachines. */
final class StateMachineActions {
    static final int MAX_DEFINITION_LENGTH = 1_048_576;
    private static final List<String> TYPES = List.of("STANDARD", "EXPRESS");
    private static final List<String> LOG_LEVELS = List.of("ALL", "ERROR", "FATAL", "OFF");

    private final ApiContext context;

    StateMachineActions(ApiContext context) {
        this.context = context;
    }

    JsonNode create(Request request) {
        String name = request.requiredString(NAME);
        Names.check(NAME, name);
        String definition = definition(request, true);
        String roleArn = roleArn(request, true);
        String type = request.oneOf(TYPE, TYPES);
        JsonNode logging = logging(request);
        JsonNode tracing = tracing(request);
        boolean publish = request.bool(PUBLISH, false);
        String versionDescription = request.string(VERSION_DESCRIPTION, 0, 256, false);
        List<JsonNode> tags = TagActions.tags(request);
        check(definition);
        Instant now = context.clock().instant();
        StateMachineRecord wanted = new StateMachineRecord(context.arns().stateMachine(name), name, definition, roleArn,
                type == null ? "STANDARD" : type, logging == null ? Shapes.defaultLogging() : logging,
                tracing == null ? Shapes.defaultTracing() : tracing, now, null, null, null);
        StateMachineRecord stored = context.machines().createIfAbsent(wanted);
        // "CreateStateMachine is an idempotent API ... based on the state machine name, definition,
        // type, LoggingConfiguration, TracingConfiguration ... a different roleArn or tags [are
        // ignored]" (API reference). Definitions are compared as text: a reformatted one differs
        // (recorded on AWS, test_create_duplicate_definition_format_sm).
        if (stored != wanted && !(stored.definition().equals(definition) && stored.type().equals(wanted.type())
                && Objects.equals(stored.loggingConfiguration(), wanted.loggingConfiguration())
                && Objects.equals(stored.tracingConfiguration(), wanted.tracingConfiguration()))) {
            throw ApiException.stateMachineAlreadyExists(stored.stateMachineArn());
        }
        if (stored == wanted && !tags.isEmpty()) {
            context.machines().tag(stored.stateMachineArn(), TagActions.toMap(tags));
        }
        ObjectNode out = Json.object().put(STATE_MACHINE_ARN, stored.stateMachineArn());
        Shapes.putTimestamp(out, CREATION_DATE, stored.creationDate());
        if (publish) {
            VersionRecord version = context.machines().publishVersion(stored.stateMachineArn(), versionDescription, now);
            out.put(STATE_MACHINE_VERSION_ARN, version.stateMachineVersionArn());
        }
        return out;
    }

    JsonNode describe(Request request) {
        String arn = request.string(STATE_MACHINE_ARN, 1, 256, true);
        boolean metadataOnly = request.metadataOnly();
        Arns.Parsed parsed = context.arns().parse(arn, Arns.STATE_MACHINE);
        ObjectNode out;
        if (Arns.isVersion(parsed)) {
            VersionRecord version = context.machines().findVersion(arn)
                    .orElseThrow(() -> ApiException.stateMachineDoesNotExist(arn));
            out = Shapes.describeStateMachine(version.snapshot(), arn);
            out.remove(DESCRIPTION);
            Shapes.putIfSet(out, DESCRIPTION, version.description());
        } else if (parsed.parts().length > 1) {
            throw ApiException.stateMachineDoesNotExist(arn); // an alias is described by DescribeStateMachineAlias
        } else {
            StateMachineRecord machine = context.machines().find(arn).orElseThrow(() -> ApiException.stateMachineDoesNotExist(arn));
            out = Shapes.describeStateMachine(machine, arn);
        }
        return metadataOnly ? Shapes.withoutDefinition(out) : out;
    }

    JsonNode update(Request request) {
        String arn = request.string(STATE_MACHINE_ARN, 1, 256, true);
        Arns.Parsed parsed = context.arns().parse(arn, Arns.STATE_MACHINE);
        String definition = definition(request, false);
        String roleArn = roleArn(request, false);
        JsonNode logging = logging(request);
        JsonNode tracing = tracing(request);
        boolean publish = request.bool(PUBLISH, false);
        String versionDescription = request.string(VERSION_DESCRIPTION, 0, 256, false);
        if (definition == null && roleArn == null && logging == null && tracing == null) {
            // Recorded on AWS (test_create_update_state_machine_base_update_none).
            throw new ApiException("MissingRequiredParameter",
                    "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
        }
        if (parsed.parts().length > 1) {
            throw ApiException.invalidArn("Invalid ARN prefix: " + arn);
        }
        if (definition != null) {
            check(definition);
        }
        StateMachineRecord current = context.machines().find(arn).orElseThrow(() -> ApiException.stateMachineDoesNotExist(arn));
        Instant now = context.clock().instant();
        StateMachineRecord next = current.withUpdate(definition == null ? current.definition() : definition,
                roleArn == null ? current.roleArn() : roleArn, logging == null ? current.loggingConfiguration() : logging,
                tracing == null ? current.tracingConfiguration() : tracing, current.revisionId(), now);
        // An update that changes nothing keeps the revision (recorded on AWS,
        // test_create_update_state_machine_same_parameters).
        boolean changed = !next.definition().equals(current.definition()) || !next.roleArn().equals(current.roleArn())
                || !next.loggingConfiguration().equals(current.loggingConfiguration())
                || !next.tracingConfiguration().equals(current.tracingConfiguration());
        if (changed || current.revisionId() == null) {
            next = next.withUpdate(next.definition(), next.roleArn(), next.loggingConfiguration(),
                    next.tracingConfiguration(), UUID.randomUUID().toString(), now);
        }
        context.machines().update(next);
        ObjectNode out = Json.object();
        Shapes.putTimestamp(out, UPDATE_DATE, now);
        out.put(REVISION_ID, next.revisionId());
        if (publish) {
            VersionRecord version = context.machines().publishVersion(arn, versionDescription, now);
            out.put(STATE_MACHINE_VERSION_ARN, version.stateMachineVersionArn());
        }
        return out;
    }

    JsonNode delete(Request request) {
        String arn = request.string(STATE_MACHINE_ARN, 1, 256, true);
        Arns.Parsed parsed = context.arns().parse(arn, Arns.STATE_MACHINE);
        if (parsed.parts().length > 1) {
            throw new ApiException("ValidationException",
                    "Use DeleteStateMachineVersion or DeleteStateMachineAlias to delete a version or an alias: '" + arn + "'");
        }
        // Deleting a machine that does not exist succeeds (recorded on AWS, test_delete_nonexistent_sm).
        context.machines().delete(arn);
        return Json.object();
    }

    JsonNode list(Request request) {
        int limit = request.maxResults(100);
        String token = request.string(NEXT_TOKEN, 1, 1024, false);
        String scope = "ListStateMachines";
        Page<StateMachineRecord> page = context.machines().list(context.tokens().open(scope, token), limit);
        ArrayNode items = Json.NODES.arrayNode();
        for (StateMachineRecord machine : page.items()) {
            ObjectNode item = items.addObject();
            item.put(STATE_MACHINE_ARN, machine.stateMachineArn());
            item.put(NAME, machine.name());
            item.put(TYPE, machine.type());
            Shapes.putTimestamp(item, CREATION_DATE, machine.creationDate());
        }
        ObjectNode out = Json.object();
        out.set("stateMachines", items);
        Shapes.putIfSet(out, NEXT_TOKEN, context.tokens().seal(scope, page.next()));
        return out;
    }

    /** The definition text, within AWS's 1 MiB limit (a sensitive member: its value is not echoed). */
    static String definition(Request request, boolean required) {
        String definition = required ? request.requiredString(DEFINITION) : request.string(DEFINITION);
        if (definition != null) {
            if (definition.isEmpty()) {
                throw ApiException.validationOfSensitive(DEFINITION, "Member must have length greater than or equal to 1");
            }
            if (definition.length() > MAX_DEFINITION_LENGTH) {
                throw ApiException.validationOfSensitive(DEFINITION,
                        "Member must have length less than or equal to " + MAX_DEFINITION_LENGTH);
            }
        }
        return definition;
    }

    static String roleArn(Request request, boolean required) {
        String roleArn = request.string(ROLE_ARN, 1, 256, required);
        if (roleArn != null && !roleArn.startsWith("arn:")) {
            throw ApiException.invalidArn("Invalid ARN prefix: " + roleArn);
        }
        return roleArn;
    }

    /** Parses the definition as CreateStateMachine does: every finding in AWS's InvalidDefinition message. */
    static void check(String definition) {
        try {
            new StateMachineParser().parse(definition);
            List<Diagnostic> sdk = AwsSdkDefinitions.check(Json.parse(definition));
            if (!sdk.isEmpty()) {
                throw new InvalidDefinitionException(sdk);
            }
        } catch (InvalidDefinitionException e) {
            throw new ApiException("InvalidDefinition", e.getMessage());
        }
    }

    private static JsonNode logging(Request request) {
        ObjectNode given = request.object(LOGGING_CONFIGURATION);
        if (given == null) {
            return null;
        }
        Request inner = new Request(request.action(), given);
        String level = inner.oneOf("level", LOG_LEVELS);
        ObjectNode logging = Json.object().put("level", level == null ? "OFF" : level)
                .put("includeExecutionData", inner.bool("includeExecutionData", false));
        if (!inner.list("destinations").isEmpty()) {
            logging.set("destinations", given.get("destinations"));
        }
        return logging;
    }

    private static JsonNode tracing(Request request) {
        ObjectNode given = request.object(TRACING_CONFIGURATION);
        if (given == null) {
            return null;
        }
        return Json.object().put("enabled", new Request(request.action(), given).bool("enabled", false));
    }
}
