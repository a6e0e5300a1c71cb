package dev.stepwise.lambda;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.api.ApiResponse;
import dev.stepwise.asl.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A state machine declared in a CloudFormation template ({@code Type: Custom::StepwiseStateMachine})
 * and kept by Stepwise's own API: Create is CreateStateMachine, Update is UpdateStateMachine (or a
 * new machine when its name or type changes, as AWS::StepFunctions::StateMachine replaces it),
 * Delete is DeleteStateMachine. The properties follow AWS::StepFunctions::StateMachine:
 * {@code StateMachineName}, {@code DefinitionString}, {@code DefinitionSubstitutions},
 * {@code StateMachineType}, {@code RoleArn}. The physical id is the state machine's ARN, so
 * {@code !Ref} gives it; {@code !GetAtt X.Arn} and {@code X.Name} work too.
 */
final class StateMachineResource {
    static final String NAME = "StateMachineName";
    static final String DEFINITION_STRING = "DefinitionString";
    static final String DEFINITION = "Definition";
    static final String SUBSTITUTIONS = "DefinitionSubstitutions";
    static final String TYPE = "StateMachineType";
    static final String ROLE_ARN = "RoleArn";
    static final String ARN = "Arn";
    /** A Create that failed answers this id; the Delete CloudFormation sends for it then has nothing to do. */
    static final String NOT_CREATED = "stepwise-not-created-";
    private static final int MAX_NAME = 80;

    /** One API action in process: the AWS JSON 1.0 request body in, the API's answer out. */
    interface Api {
        ApiResponse call(String action, String body);
    }

    private final Api api;
    private final String defaultRoleArn;

    StateMachineResource(Api api, String defaultRoleArn) {
        this.api = api;
        this.defaultRoleArn = defaultRoleArn;
    }

    CustomResourceResponse apply(CloudFormationCustomResourceEvent request) {
        String physicalId = request.getPhysicalResourceId();
        try {
            return switch (request.getRequestType()) {
                case "Create" -> create(request, request.getResourceProperties());
                case "Update" -> update(request);
                case "Delete" -> delete(physicalId);
                default -> CustomResourceResponse.failed(fallbackId(request), "Unknown RequestType " + request.getRequestType());
            };
        } catch (RefusedException e) {
            return CustomResourceResponse.failed(fallbackId(request), e.getMessage());
        }
    }

    private CustomResourceResponse create(CloudFormationCustomResourceEvent request, Map<String, Object> properties) {
        String name = explicitName(properties);
        ObjectNode body = Json.object().put("name", name != null ? name : generatedName(request))
                .put("definition", definition(properties)).put("roleArn", roleArn(properties));
        String type = type(properties);
        if (type != null) {
            body.put("type", type);
        }
        String arn = call("CreateStateMachine", body).get("stateMachineArn").asText();
        return created(arn);
    }

    private CustomResourceResponse update(CloudFormationCustomResourceEvent request) {
        Map<String, Object> properties = request.getResourceProperties();
        Map<String, Object> old = request.getOldResourceProperties() == null ? Map.of() : request.getOldResourceProperties();
        String arn = request.getPhysicalResourceId();
        // A new name or type is a new state machine; CloudFormation then deletes the old one.
        boolean replace = !Objects.equals(explicitName(old), explicitName(properties))
                || !Objects.equals(typeOrDefault(old), typeOrDefault(properties)) || arn == null || !arn.startsWith("arn:");
        if (replace) {
            return create(request, properties);
        }
        call("UpdateStateMachine", Json.object().put("stateMachineArn", arn).put("definition", definition(properties))
                .put("roleArn", roleArn(properties)));
        return created(arn);
    }

    private CustomResourceResponse delete(String physicalId) {
        if (physicalId != null && physicalId.startsWith("arn:")) {
            call("DeleteStateMachine", Json.object().put("stateMachineArn", physicalId));
        }
        return CustomResourceResponse.success(physicalId, Map.of());
    }

    private static CustomResourceResponse created(String arn) {
        return CustomResourceResponse.success(arn, Map.of(ARN, arn, "Name", arn.substring(arn.lastIndexOf(':') + 1)));
    }

    /** The definition text with each {@code ${key}} of DefinitionSubstitutions replaced by its value. */
    static String definition(Map<String, Object> properties) {
        Object text = properties.get(DEFINITION_STRING);
        if (!(text instanceof String definition)) {
            // "CloudFormation ... converts all property values to strings" for custom resources
            // (numbers and booleans arrive as text), so an object definition would lose its types.
            throw new RefusedException(properties.containsKey(DEFINITION) || text != null
                    ? "DefinitionString must be the definition as JSON text: CloudFormation passes a custom resource's numbers "
                            + "and booleans as strings, so an object would change the definition. Wrap it in Fn::ToJsonString "
                            + "(Transform AWS::LanguageExtensions) or write it as a string."
                    : "DefinitionString is required");
        }
        Object substitutions = properties.get(SUBSTITUTIONS);
        if (substitutions instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                definition = definition.replace("${" + entry.getKey() + "}", String.valueOf(entry.getValue()));
            }
        } else if (substitutions != null) {
            throw new RefusedException("DefinitionSubstitutions must be a map of names to values");
        }
        return definition;
    }

    private String roleArn(Map<String, Object> properties) {
        Object role = properties.get(ROLE_ARN);
        if (role instanceof String given && !given.isEmpty()) {
            return given;
        }
        if (defaultRoleArn == null) {
            throw new RefusedException("RoleArn is required (the function has no STEPWISE_STATE_MACHINE_ROLE_ARN)");
        }
        return defaultRoleArn;
    }

    private static String explicitName(Map<String, Object> properties) {
        Object name = properties.get(NAME);
        return name instanceof String given && !given.isEmpty() ? given : null;
    }

    private static String type(Map<String, Object> properties) {
        Object type = properties.get(TYPE);
        return type instanceof String given && !given.isEmpty() ? given : null;
    }

    private static String typeOrDefault(Map<String, Object> properties) {
        String type = type(properties);
        return type == null ? "STANDARD" : type;
    }

    /**
     * A name for a machine the template leaves unnamed: its logical id and a suffix fixed by the
     * request, so a Create invoked again (Lambda retries) names the same machine.
     */
    static String generatedName(CloudFormationCustomResourceEvent request) {
        String suffix = HexFormat.of().formatHex(sha256(request.getStackId() + "/" + request.getLogicalResourceId() + "/"
                + request.getRequestId())).substring(0, 12).toUpperCase();
        String logical = request.getLogicalResourceId();
        return logical.substring(0, Math.min(logical.length(), MAX_NAME - suffix.length() - 1)) + "-" + suffix;
    }

    /** The physical id a failure answers: the resource's own, or for a Create, one that names nothing. */
    static String fallbackId(CloudFormationCustomResourceEvent request) {
        return request.getPhysicalResourceId() != null ? request.getPhysicalResourceId() : NOT_CREATED + request.getRequestId();
    }

    /** The API's answer to {@code action}; its AWS error code and message as the failure's reason otherwise. */
    private JsonNode call(String action, ObjectNode body) {
        ApiResponse response = api.call(action, body.toString());
        JsonNode answer = parsed(response.body());
        if (response.status() != 200) {
            String message = answer.path("message").asText(answer.path("Message").asText(""));
            throw new RefusedException(action + " failed: " + response.errorType() + (message.isEmpty() ? "" : ": " + message));
        }
        return answer;
    }

    private static JsonNode parsed(String body) {
        try {
            return Json.parse(body);
        } catch (RuntimeException notJson) {
            return Json.object().put("message", body);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request the API or the properties refuse: the stack operation fails with this message. */
    static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }
}
