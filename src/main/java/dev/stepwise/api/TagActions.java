package dev.stepwise.api;

import static dev.stepwise.api.Members.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepwise.asl.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TagResource, UntagResource, ListTagsForResource on state machines. Keys are 1–128 and values
 * 0–256 characters; a resource holds at most 50 tags (TooManyTags), as the API reference says.
 */
final class TagActions {
    static final int MAX_TAGS = 50;

    private final ApiContext context;

    TagActions(ApiContext context) {
        this.context = context;
    }

    JsonNode tag(Request request) {
        Map<String, String> tags = toMap(tags(request));
        String arn = resource(request);
        Map<String, String> all = new LinkedHashMap<>(context.machines().tags(arn));
        all.putAll(tags);
        if (all.size() > MAX_TAGS) {
            throw new ApiException("TooManyTags", "Too many tags: a resource can have at most " + MAX_TAGS + " tags");
        }
        context.machines().tag(arn, tags);
        return Json.object();
    }

    JsonNode untag(Request request) {
        List<String> keys = new ArrayList<>();
        for (JsonNode key : request.list("tagKeys")) {
            if (!key.isTextual()) {
                throw ApiException.serialization("Unexpected value type in payload for member 'tagKeys': expected STRING_VALUE");
            }
            keys.add(key.asText());
        }
        String arn = resource(request);
        context.machines().untag(arn, keys);
        return Json.object();
    }

    JsonNode list(Request request) {
        String arn = resource(request);
        ArrayNode tags = Json.NODES.arrayNode();
        context.machines().tags(arn).forEach((key, value) -> tags.addObject().put(KEY, key).put(VALUE, value));
        ObjectNode out = Json.object();
        out.set(TAGS, tags);
        return out;
    }

    private String resource(Request request) {
        String arn = request.string("resourceArn", 1, 256, true);
        context.arns().parse(arn, Arns.STATE_MACHINE);
        if (context.machines().find(arn).isEmpty()) {
            throw ApiException.resourceNotFound();
        }
        return arn;
    }

    /** The {@code tags} member: a list of {key, value}, checked. */
    static List<JsonNode> tags(Request request) {
        List<JsonNode> tags = request.list(TAGS);
        if (tags.size() > MAX_TAGS) {
            throw new ApiException("TooManyTags", "Too many tags: a resource can have at most " + MAX_TAGS + " tags");
        }
        for (JsonNode tag : tags) {
            if (!tag.isObject()) {
                throw ApiException.serialization("Unexpected value type in payload for member 'tags': expected STRUCTURE_VALUE");
            }
            Request inner = new Request(request.action(), (ObjectNode) tag);
            inner.string(KEY, 1, 128, true);
            inner.string(VALUE, 0, 256, false);
        }
        return tags;
    }

    static Map<String, String> toMap(List<JsonNode> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            map.put(tag.get(KEY).asText(), tag.path(VALUE).asText(""));
        }
        return map;
    }
}
