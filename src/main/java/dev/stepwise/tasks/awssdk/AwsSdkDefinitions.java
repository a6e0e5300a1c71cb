package dev.stepwise.tasks.awssdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.asl.validate.Diagnostic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;

/**
 * What CreateStateMachine refuses in a definition's AWS SDK integration Tasks: a Resource naming
 * an action the service does not have, or an integration pattern SDK integrations do not offer
 * (only request-response and {@code .waitForTaskToken}: "AWS SDK integrations ... do not
 * support the Run a Job (.sync) pattern", developer guide, service integration patterns), and
 * static Parameters/Arguments naming a member the action does not take. AWS knows every
 * service's actions; Stepwise knows those of the services it bundles, so a Task of another
 * service is accepted here (as AWS would) and fails when it runs.
 */
public final class AwsSdkDefinitions {
    static final String PREFIX = "aws-sdk:";
    private static final String CODE = "SCHEMA_VALIDATION_FAILED";
    private static final Set<String> PATTERNS = Set.of("", ".waitForTaskToken");

    private AwsSdkDefinitions() {
    }

    /** Every finding for the definition's aws-sdk Tasks, in document order; empty when there is none. */
    public static List<Diagnostic> check(JsonNode definition) {
        List<Diagnostic> findings = new ArrayList<>();
        if (definition != null && definition.isObject()) {
            states(definition, "", findings);
        }
        return findings;
    }

    private static void states(JsonNode scope, String location, List<Diagnostic> findings) {
        JsonNode states = scope.get("States");
        if (states == null || !states.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = location + "/States/" + entry.getKey();
            JsonNode state = entry.getValue();
            if (!state.isObject()) {
                continue;
            }
            if ("Task".equals(state.path("Type").asText())) {
                task(state, at, findings);
            }
            JsonNode branches = state.get("Branches");
            if (branches != null && branches.isArray()) {
                for (int i = 0; i < branches.size(); i++) {
                    states(branches.get(i), at + "/Branches[" + i + "]", findings);
                }
            }
            for (String processor : new String[] {"Iterator", "ItemProcessor"}) {
                if (state.has(processor)) {
                    states(state.get(processor), at + "/" + processor, findings);
                }
            }
        }
    }

    private static void task(JsonNode state, String at, List<Diagnostic> findings) {
        String resource = state.path("Resource").asText("");
        String[] parts = resource.split(":", 6);
        if (parts.length < 6 || !"states".equals(parts[2]) || !parts[5].startsWith(PREFIX)) {
            return;
        }
        String rest = parts[5].substring(PREFIX.length());
        int dot = rest.indexOf('.');
        String pattern = dot < 0 ? "" : rest.substring(dot);
        String[] serviceAction = (dot < 0 ? rest : rest.substring(0, dot)).split(":", -1);
        boolean wellFormed = PATTERNS.contains(pattern) && serviceAction.length == 2 && !serviceAction[0].isEmpty()
                && !serviceAction[1].isEmpty() && Character.isLowerCase(serviceAction[1].charAt(0));
        SdkService service = wellFormed ? SdkServices.find(serviceAction[0]).orElse(null) : null;
        SdkOperation operation = service == null ? null : service.operations().get(serviceAction[1]);
        if (!wellFormed || service != null && operation == null) {
            // AWS's wording for a Resource it does not know.
            findings.add(Diagnostic.error(CODE, "The resource provided " + resource + " is not recognized. The value is not "
                    + "a valid resource ARN, or the resource is not available in this region.", at + "/Resource"));
            return;
        }
        if (operation == null) {
            return;
        }
        Set<String> members = new java.util.HashSet<>();
        for (SdkField<?> field : operation.newRequest().sdkFields()) {
            members.add(SdkJson.name(field));
        }
        if (operation.uploadsBody()) {
            members.add(SdkJson.BODY);
        }
        for (String field : new String[] {"Parameters", "Arguments"}) {
            JsonNode given = state.get(field);
            if (given == null || !given.isObject()) {
                continue;
            }
            given.fieldNames().forEachRemaining(name -> {
                String member = "Parameters".equals(field) && name.endsWith(".$") ? name.substring(0, name.length() - 2) : name;
                if (!members.contains(member)) {
                    findings.add(Diagnostic.error(CODE, "The field \"" + member + "\" is not supported by Step Functions",
                            at + "/" + field));
                }
            });
        }
    }
}
