package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import dev.stepwise.asl.validate.DefinitionValidator;
import dev.stepwise.asl.validate.Diagnostic;
import dev.stepwise.tasks.awssdk.AwsSdkDefinitions;
import java.util.List;

/**
 * ValidateStateMachineDefinition: the validator's findings as diagnostics. From the API
 * reference: result is FAIL when any ERROR is found; severity is the minimum level returned
 * ("ERROR returns only ERROR diagnostics, whereas WARNING returns both", default ERROR);
 * maxResults defaults to and is capped at 100 (0 also means 100), and truncated says more were found.
 */
final class ValidateDefinitionAction implements Action {
    private static final int MAX_DIAGNOSTICS = 100;

    private final DefinitionValidator validator = new DefinitionValidator();

    @Override
    public JsonNode handle(Request request) {
        String definition = StateMachineActions.definition(request, true);
        request.oneOf(TYPE, List.of("STANDARD", "EXPRESS"));
        String severity = request.oneOf("severity", List.of("ERROR", "WARNING"));
        Integer max = request.integer(MAX_RESULTS);
        if (max != null && (max < 0 || max > MAX_DIAGNOSTICS)) {
            throw ApiException.validation(max, MAX_RESULTS, max < 0 ? "Member must have value greater than or equal to 0"
                    : "Member must have value less than or equal to " + MAX_DIAGNOSTICS);
        }
        int limit = max == null || max == 0 ? MAX_DIAGNOSTICS : max;
        boolean warnings = "WARNING".equals(severity);
        List<Diagnostic> all = new java.util.ArrayList<>(validator.validate(definition));
        if (all.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR)) {
            all.addAll(AwsSdkDefinitions.check(Json.parse(definition)));
        }
        List<Diagnostic> findings = all.stream()
                .filter(d -> warnings || d.severity() == Diagnostic.Severity.ERROR)
                .toList();
        boolean failed = findings.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        ArrayNode diagnostics = Json.NODES.arrayNode();
        for (Diagnostic finding : findings.subList(0, Math.min(limit, findings.size()))) {
            ObjectNode item = diagnostics.addObject();
            item.put("severity", finding.severity().name());
            item.put("code", finding.code());
            item.put("message", finding.message());
            Shapes.putIfSet(item, "location", finding.location());
        }
        ObjectNode out = Json.object().put("result", failed ? "FAIL" : "OK");
        out.set("diagnostics", diagnostics);
        out.put(TRUNCATED, findings.size() > limit);
        return out;
    }
}
