package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.port.AliasRecord;
import dev.stepwise.api.port.Page;
import dev.stepwise.asl.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Create/Describe/Update/Delete/ListStateMachineAlias(es). An alias routes each new execution
 * to one of one or two versions of its machine, by weight. Messages recorded on AWS
 * (LocalStack test_sfn_api_aliasing.snapshot.json).
 */
final class AliasActions {
    /** The API reference's pattern for alias names: at least one non-digit, letters, digits, _ - . only. */
    private static final String NAME_PATTERN = "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$";
    private static final Pattern NAME_RULE = Pattern.compile(NAME_PATTERN);

    private final ApiContext context;

    AliasActions(ApiContext context) {
        this.context = context;
    }

    JsonNode create(Request request) {
        String name = request.string(NAME, 1, 80, true);
        if (!NAME_RULE.matcher(name).matches()) {
            throw ApiException.validation(name, NAME, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        String description = request.string(DESCRIPTION, 0, 256, false);
        List<AliasRecord.Route> routes = routes(request, true);
        String machineArn = routes.get(0).stateMachineVersionArn();
        machineArn = machineArn.substring(0, machineArn.lastIndexOf(':'));
        checkVersionsExist(routes);
        Instant now = context.clock().instant();
        AliasRecord wanted = new AliasRecord(machineArn + ":" + name, machineArn, name, description, routes, now, now);
        AliasRecord stored = context.machines().createAliasIfAbsent(wanted);
        if (stored != wanted && !(stored.routingConfiguration().equals(routes) && Objects.equals(stored.description(), description))) {
            throw new ApiException("ConflictException", "Failed to create alias because an alias with the same name and "
                    + "a different routing configuration already exists.");
        }
        ObjectNode out = Json.object().put(STATE_MACHINE_ALIAS_ARN, stored.stateMachineAliasArn());
        Shapes.putTimestamp(out, CREATION_DATE, stored.creationDate());
        return out;
    }

    JsonNode describe(Request request) {
        AliasRecord alias = alias(request);
        ObjectNode out = Json.object();
        out.put(STATE_MACHINE_ALIAS_ARN, alias.stateMachineAliasArn());
        out.put(NAME, alias.name());
        Shapes.putIfSet(out, DESCRIPTION, alias.description());
        out.set(ROUTING_CONFIGURATION, routing(alias.routingConfiguration()));
        Shapes.putTimestamp(out, CREATION_DATE, alias.creationDate());
        Shapes.putTimestamp(out, UPDATE_DATE, alias.updateDate());
        return out;
    }

    JsonNode update(Request request) {
        String description = request.string(DESCRIPTION, 0, 256, false);
        List<AliasRecord.Route> routes = request.has(ROUTING_CONFIGURATION) ? routes(request, false) : null;
        AliasRecord alias = alias(request);
        if (description == null && routes == null) {
            throw new ApiException("MissingRequiredParameter",
                    "Either the description or the RoutingConfiguration must be specified");
        }
        if (routes != null) {
            checkSameMachine(alias.stateMachineArn(), routes);
            checkVersionsExist(routes);
        }
        Instant now = context.clock().instant();
        context.machines().updateAlias(new AliasRecord(alias.stateMachineAliasArn(), alias.stateMachineArn(), alias.name(),
                description == null ? alias.description() : description,
                routes == null ? alias.routingConfiguration() : routes, alias.creationDate(), now));
        ObjectNode out = Json.object();
        Shapes.putTimestamp(out, UPDATE_DATE, now);
        return out;
    }

    JsonNode delete(Request request) {
        String arn = request.string(STATE_MACHINE_ALIAS_ARN, 1, 256, true);
        aliasArn(arn);
        // Deleting an alias that does not exist succeeds (recorded on AWS, test_delete_no_such_alias_arn).
        context.machines().deleteAlias(arn);
        return Json.object();
    }

    JsonNode list(Request request) {
        String arn = request.string(STATE_MACHINE_ARN, 1, 256, true);
        int limit = request.maxResults(100);
        String token = request.string(NEXT_TOKEN, 1, 1024, false);
        Arns.Parsed parsed = context.arns().parse(arn, Arns.STATE_MACHINE);
        if (parsed.parts().length > 1) {
            throw ApiException.invalidArn("Invalid ARN prefix: " + arn);
        }
        if (context.machines().find(arn).isEmpty()) {
            throw ApiException.stateMachineDoesNotExist(arn);
        }
        String scope = "ListStateMachineAliases|" + arn;
        Page<AliasRecord> page = context.machines().listAliases(arn, context.tokens().open(scope, token), limit);
        ArrayNode items = Json.NODES.arrayNode();
        for (AliasRecord alias : page.items()) {
            ObjectNode item = items.addObject().put(STATE_MACHINE_ALIAS_ARN, alias.stateMachineAliasArn());
            Shapes.putTimestamp(item, CREATION_DATE, alias.creationDate());
        }
        ObjectNode out = Json.object();
        out.set("stateMachineAliases", items);
        Shapes.putIfSet(out, NEXT_TOKEN, context.tokens().seal(scope, page.next()));
        return out;
    }

    /** The version an execution through {@code alias} runs: drawn by weight. */
    static String route(AliasRecord alias, RandomGenerator random) {
        int draw = random.nextInt(100);
        int total = 0;
        for (AliasRecord.Route route : alias.routingConfiguration()) {
            total += route.weight();
            if (draw < total) {
                return route.stateMachineVersionArn();
            }
        }
        return alias.routingConfiguration().get(alias.routingConfiguration().size() - 1).stateMachineVersionArn();
    }

    private AliasRecord alias(Request request) {
        String arn = request.string(STATE_MACHINE_ALIAS_ARN, 1, 256, true);
        aliasArn(arn);
        return context.machines().findAlias(arn).orElseThrow(ApiException::resourceNotFound);
    }

    private void aliasArn(String arn) {
        Arns.Parsed parsed = context.arns().parse(arn, Arns.STATE_MACHINE);
        if (parsed.parts().length != 2 || Arns.isVersion(parsed)) {
            throw ApiException.invalidArn("Invalid alias ARN: " + arn);
        }
    }

    private List<AliasRecord.Route> routes(Request request, boolean required) {
        List<JsonNode> items = request.list(ROUTING_CONFIGURATION);
        if (items.isEmpty() && (required || request.has(ROUTING_CONFIGURATION))) {
            throw ApiException.validation("[]", ROUTING_CONFIGURATION, "Member must have length greater than or equal to 1");
        }
        List<AliasRecord.Route> routes = new ArrayList<>();
        List<String> arns = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw ApiException.serialization("Unexpected value type in payload for member 'routingConfiguration': expected STRUCTURE_VALUE");
            }
            Request inner = new Request(request.action(), (ObjectNode) item);
            String version = inner.string(STATE_MACHINE_VERSION_ARN, 1, 256, true);
            Integer weight = inner.integer(WEIGHT);
            if (weight == null) {
                throw ApiException.validation(null, "routingConfiguration." + (i + 1) + ".member.weight", "Member must not be null");
            }
            if (weight < 0 || weight > 100) {
                throw ApiException.validation(weight, "routingConfiguration." + (i + 1) + ".member.weight",
                        weight < 0 ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to 100");
            }
            routes.add(new AliasRecord.Route(version, weight));
            arns.add(version);
            weights.add(weight);
        }
        if (routes.size() > 2) {
            throw ApiException.validation(routes.stream().map(r -> "RoutingConfigurationListItem(stateMachineVersionArn="
                    + r.stateMachineVersionArn() + ", weight=" + r.weight() + ")").toList(), ROUTING_CONFIGURATION,
                    "Member must have length less than or equal to 2");
        }
        for (String arn : arns) {
            Arns.Parsed parsed;
            try {
                parsed = context.arns().parse(arn, Arns.STATE_MACHINE);
            } catch (ApiException e) {
                parsed = null;
            }
            if (parsed == null || !Arns.isVersion(parsed)) {
                throw new ApiException("ValidationException",
                        "Routing configuration must contain state machine version ARNs. Received: " + arns);
            }
        }
        if (new HashSet<>(arns).size() != arns.size()) {
            throw new ApiException("ValidationException",
                    "Routing configuration must contain distinct state machine version ARNs. Received: " + arns);
        }
        if (weights.stream().mapToInt(Integer::intValue).sum() != 100) {
            throw new ApiException("ValidationException", "Sum of routing configuration weights must equal 100. Received: " + weights);
        }
        if (routes.size() == 2) {
            String first = arns.get(0).substring(0, arns.get(0).lastIndexOf(':'));
            checkSameMachine(first, routes);
        }
        return routes;
    }

    private static void checkSameMachine(String machineArn, List<AliasRecord.Route> routes) {
        for (AliasRecord.Route route : routes) {
            String arn = route.stateMachineVersionArn();
            if (!arn.substring(0, arn.lastIndexOf(':')).equals(machineArn)) {
                throw new ApiException("ValidationException",
                        "Routing configuration must contain versions of the same state machine. Received: "
                                + routes.stream().map(AliasRecord.Route::stateMachineVersionArn).toList());
            }
        }
    }

    private void checkVersionsExist(List<AliasRecord.Route> routes) {
        for (AliasRecord.Route route : routes) {
            if (context.machines().findVersion(route.stateMachineVersionArn()).isEmpty()) {
                throw ApiException.resourceNotFound();
            }
        }
    }

    private static ArrayNode routing(List<AliasRecord.Route> routes) {
        ArrayNode out = Json.NODES.arrayNode();
        routes.forEach(r -> out.addObject().put(STATE_MACHINE_VERSION_ARN, r.stateMachineVersionArn()).put(WEIGHT, r.weight()));
        return out;
    }
}
