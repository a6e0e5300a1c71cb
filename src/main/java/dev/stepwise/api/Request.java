package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON body of one API call with typed, validated access to its members. A member of the
 * wrong JSON type is a SerializationException (the protocol cannot read it), a member outside
 * its constraints a ValidationException, as AWS's front end answers.
 */
public final class Request {
    private final String action;
    private final ObjectNode body;
    private final Duration waitLimit;

    public Request(String action, ObjectNode body) {
        this(action, body, null);
    }

    /** @param waitLimit how long the caller can wait for an answer (null for as long as the action may) */
    Request(String action, ObjectNode body, Duration waitLimit) {
        this.action = action;
        this.body = body;
        this.waitLimit = waitLimit;
    }

    /** {@code wanted}, or less when the caller cannot wait that long (API Gateway's 30 s). */
    Duration waitUpTo(Duration wanted) {
        return waitLimit == null || waitLimit.compareTo(wanted) >= 0 ? wanted : waitLimit;
    }

    public String action() {
        return action;
    }

    public ObjectNode body() {
        return body;
    }

    public boolean has(String field) {
        JsonNode value = body.get(field);
        return value != null && !value.isNull();
    }

    /** A string member, or null when absent. */
    public String string(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(field, "STRING_VALUE");
        }
        return value.asText();
    }

    public String requiredString(String field) {
        String value = string(field);
        if (value == null) {
            throw ApiException.validation(null, field, "Member must not be null");
        }
        return value;
    }

    /** A string member with AWS's length constraints. */
    public String string(String field, int min, int max, boolean required) {
        String value = required ? requiredString(field) : string(field);
        if (value != null) {
            checkLength(field, value, min, max);
        }
        return value;
    }

    public static void checkLength(String field, String value, int min, int max) {
        if (value.length() < min) {
            throw ApiException.validation(value, field, "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw ApiException.validation(value, field, "Member must have length less than or equal to " + max);
        }
    }

    public Integer integer(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(field, "INTEGER_VALUE");
        }
        return value.asInt();
    }

    public boolean bool(String field, boolean absent) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw wrongType(field, "BOOLEAN_VALUE");
        }
        return value.asBoolean();
    }

    /** An object member, or null when absent. */
    public ObjectNode object(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(field, "STRUCTURE_VALUE");
        }
        return (ObjectNode) value;
    }

    /** A list member (empty when absent). */
    public List<JsonNode> list(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(field, "LIST_VALUE");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    /** An enum member: one of {@code allowed}, or null when absent. */
    public String oneOf(String field, List<String> allowed) {
        String value = string(field);
        if (value != null && !allowed.contains(value)) {
            throw ApiException.validation(value, field, "Member must satisfy enum value set: " + allowed);
        }
        return value;
    }

    /**
     * includedData: ALL_DATA (the default) or METADATA_ONLY, which asks AWS for a state machine's
     * description without its (possibly KMS-encrypted) definition; true for METADATA_ONLY.
     */
    public boolean metadataOnly() {
        return "METADATA_ONLY".equals(oneOf(INCLUDED_DATA, List.of("ALL_DATA", "METADATA_ONLY")));
    }

    /** maxResults: 0..1000, where absent or 0 means the action's default page size. */
    public int maxResults(int defaultSize) {
        Integer value = integer(MAX_RESULTS);
        if (value == null || value == 0) {
            return defaultSize;
        }
        if (value < 0) {
            throw ApiException.validation(value, MAX_RESULTS, "Member must have value greater than or equal to 0");
        }
        if (value > 1000) {
            throw ApiException.validation(value, MAX_RESULTS, "Member must have value less than or equal to 1000");
        }
        return value;
    }

    private static ApiException wrongType(String field, String expected) {
        return ApiException.serialization("Unexpected value type in payload for member '" + field + "': expected " + expected);
    }
}
