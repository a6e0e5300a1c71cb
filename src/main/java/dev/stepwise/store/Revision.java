package dev.stepwise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One revision of a state machine, a version or a Map Run's item processor: the definition text
 * as given and what the runtime needs to run it, plus {@code settings}, the API's own fields
 * (logging, tracing, revision id, description), opaque here. Revisions are immutable and stored
 * once: an execution names the revision it started with, so an update of the machine never
 * changes what a running execution runs, as on AWS.
 */
public record Revision(String name, String definition, String type, String roleArn, Instant creationDate, JsonNode settings) {
    private static final String NAME = "name";
    private static final String DEFINITION = "definition";
    private static final String TYPE = "type";
    private static final String ROLE_ARN = "roleArn";
    private static final String CREATED = "created";
    private static final String SETTINGS = "settings";

    /** The revision's key: a hash of its content, so storing the same revision twice stores it once. */
    public String key() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(toJson()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put(NAME, name).put(DEFINITION, definition).put(TYPE, type).put(ROLE_ARN, roleArn)
                .put(CREATED, creationDate.toString());
        if (settings != null) {
            json.set(SETTINGS, settings);
        }
        return json;
    }

    public static Revision fromJson(JsonNode json) {
        return new Revision(json.get(NAME).asText(), json.get(DEFINITION).asText(), json.get(TYPE).asText(),
                json.path(ROLE_ARN).asText(null), Instant.parse(json.get(CREATED).asText()), json.get(SETTINGS));
    }
}
